"""The Textual shell on top of the core."""
