"""The functional core: no Textual import anywhere below this package."""
