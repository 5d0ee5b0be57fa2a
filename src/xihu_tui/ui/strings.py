"""The interface's own words, in English and Chinese.

Report text is never translated; only the chrome around it. The language follows
the report's declared language unless `--lang` says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.reader.editor import EditorProblem
from ..core.report.model import Qualifier, Report


@dataclass(frozen=True)
class ChartWords:
    """The sparkline's words; `{}` fields are filled in by the chart."""

    hint: str = "Highlight a metric to compare it"
    no_comparison: str = "No series or group to compare {label} with."
    series: str = "series of {count} periods"
    group: str = "group of {count} metrics"
    from_zero: str = "bars from 0"
    around_zero: str = "bars up and down from 0"
    range_to: str = " to "
    """Between the ends of a range that has a minus in it (a dash would blur with the minus)."""
    nothing_to_plot: str = "no plottable values"
    not_available: str = "{count} n/a"
    more: str = "+{count} more"
    none_marked: str = "no point is highlighted"
    not_a_point: str = " is not one of these points"


ENGLISH_CHART = ChartWords()

CHINESE_CHART = ChartWords(
    hint="选中一项指标即可比较",
    no_comparison="「{label}」没有时间序列或分组可供比较。",
    series="{count} 期时间序列",
    group="同组 {count} 项指标",
    from_zero="柱高从 0 起",
    around_zero="柱高从 0 线起（向下为负）",
    range_to=" 至 ",
    nothing_to_plot="没有可绘制的数值",
    not_available="{count} 项无效",
    more="另有 {count} 项",
    none_marked="未选中数据点",
    not_a_point=" 不在这些数据点中",
)


@dataclass(frozen=True)
class ReadingWords:
    """The reading pane's and the contents' words around report text; `{}` fields are filled in."""

    note: str = "Note: "
    alt_text: str = "the image's alt text"
    placeholder: str = "editors' description, not in the source"
    editorial_mark: str = "(ed.) "
    """Before the editors' description of a figure, in the narrow contents."""
    in_figure: str = "In the figure: "
    metric_count: str = "{count} metrics"
    outline: str = "This heading has no text of its own. Its subsections:"
    drafted_mark: str = "✎ "
    """Before what `xihu-tui draft` found and no author has confirmed yet (a figure, a heading)."""
    drafted_report: str = (
        "Drafted from {name}: ✎ marks what the drafter guessed. w saves the draft beside it."
    )
    draft_saved: str = "Draft saved as {name}"
    draft_exists: str = "{name} exists: press w again to replace it"
    not_a_draft: str = "Only a report drafted from an article can be saved with w."
    draft_not_saved: str = "The draft was not saved"
    short_qualifiers: dict[Qualifier, str] = field(default_factory=dict)
    """Shorter words for a qualifier where a line is narrow (the contents); a qualifier
    left out uses `Strings.qualifiers`."""


ENGLISH_READING = ReadingWords(
    short_qualifiers={
        Qualifier.MORE_THAN: "over",
        Qualifier.AT_LEAST: "at least",
        Qualifier.AT_MOST: "at most",
        Qualifier.APPROXIMATELY: "about",
    }
)

CHINESE_READING = ReadingWords(
    note="注：",
    alt_text="图片替代文字",
    placeholder="编者所加说明，原文无",
    editorial_mark="（编）",
    in_figure="图中数据：",
    metric_count="{count} 项数据",
    outline="本节没有正文，下设各小节：",
    drafted_report="由 {name} 草拟：✎ 标出草拟时推断的内容。按 w 将草稿保存在原文旁。",
    draft_saved="草稿已保存为 {name}",
    draft_exists="{name} 已存在：再按一次 w 将其替换",
    not_a_draft="只有由文章草拟的报告才能用 w 保存。",
    draft_not_saved="草稿未能保存",
)


@dataclass(frozen=True)
class ShellWords:
    """Words for what Textual draws itself (binding descriptions, the command palette,
    the Ctrl+C prompt), for the reader's copy of the bundled report, and for the
    overview's filter and groups; `{}` fields are filled in."""

    textual_bindings: dict[str, str] = field(default_factory=dict)
    """Textual's own binding descriptions (they have no id), by their English words."""
    palette: str = "Command palette"
    palette_placeholder: str = "Jump to a section or metric: words or pinyin (jkm)…"
    palette_no_match: str = "No section or metric matches"
    theme_placeholder: str = "Search for themes…"
    system_commands: dict[str, tuple[str, str]] = field(
        default_factory=lambda: {
            "theme": ("Theme", "Change the current theme"),
            "keys": ("Keys", "Every key, where it works"),
            "quit": ("Quit", "Quit the application"),
            "maximize": ("Maximize", "Maximize the focused pane"),
            "minimize": ("Minimize", "Restore the maximized pane"),
            "screenshot": ("Screenshot", "Save an SVG screenshot of the screen"),
        }
    )
    """(name, help) of each command the palette offers besides jumping."""
    quit_title: str = "Do you want to quit?"
    quit_prompt: str = "Press {key} to quit"
    copy_made: str = "The bundled report is part of xihu-tui: editing a copy of it, {path}"
    copy_same: str = "Editing your copy of the bundled report, {path}"
    copy_kept: str = (
        "Editing your copy of the bundled report, {path}, as you left it (it differs from the bundled one)"
    )
    copy_failed: str = "No copy of the bundled report could be made to edit"
    filter_placeholder: str = "filter: words or pinyin (jkm)"
    filtered: str = "{shown} of {count} metrics match “{query}”"
    grouped_by: str = "grouped by {column}"
    group_row: str = "{name} · {count}"
    no_group: str = "(no group)"


ENGLISH_SHELL = ShellWords()

CHINESE_SHELL = ShellWords(
    textual_bindings={
        "Quit": "退出",
        "palette": "命令面板",
        "Focus Next": "下一个窗格",
        "Focus Previous": "上一个窗格",
        "Copy selected text": "复制选中的文字",
        "Cursor to parent": "到上一级",
        "Cursor to next ancestor": "到上一级的下一项",
        "Cursor to previous sibling": "到同级上一项",
        "Cursor to next sibling": "到同级下一项",
        "Select": "选择",
        "Toggle": "展开 / 折叠",
        "Expand or collapse all": "全部展开 / 折叠",
        "Cursor Up": "上移",
        "Cursor Down": "下移",
        "Up": "上移",
        "Down": "下移",
        "First": "第一项",
        "Last": "最后一项",
        "Page Up": "上一页",
        "Page Down": "下一页",
        "Page Left": "向左翻页",
        "Page Right": "向右翻页",
        "Scroll Up": "向上滚动",
        "Scroll Down": "向下滚动",
        "Scroll Left": "向左滚动",
        "Scroll Right": "向右滚动",
        "Scroll Home": "滚到开头",
        "Scroll End": "滚到末尾",
        "Go to bottom": "到最后一条",
        "Go to top": "到第一条",
        "Next command": "下一条",
        "Previous command": "上一条",
        "Next page": "下一页",
        "Previous page": "上一页",
        "Exit the command palette": "关闭命令面板",
        "Move cursor left": "光标左移",
        "Move cursor left and select": "光标左移并选中",
        "Move cursor left a word": "光标左移一个词",
        "Move cursor left a word and select": "光标左移一个词并选中",
        "Move cursor right or accept the completion suggestion": "光标右移",
        "Move cursor right and select": "光标右移并选中",
        "Move cursor right a word": "光标右移一个词",
        "Move cursor right a word and select": "光标右移一个词并选中",
        "Delete character left": "删除左边一个字",
        "Delete character right": "删除右边一个字",
        "Select all": "全选",
        "Go to start": "到开头",
        "Go to end": "到末尾",
        "Select line start": "选到开头",
        "Select line end": "选到末尾",
        "Submit": "确定",
        "Delete left to start of word": "删除左边一个词",
        "Delete right to start of word": "删除右边一个词",
        "Delete all to the left": "删除左边全部",
        "Delete all to the right": "删除右边全部",
        "Cut selected text": "剪切选中的文字",
        "Paste text from the clipboard": "粘贴",
    },
    palette="命令面板",
    palette_placeholder="跳到章节或数据：输入文字或拼音（jkm）…",
    palette_no_match="没有匹配的章节或数据",
    theme_placeholder="搜索主题…",
    system_commands={
        "theme": ("主题", "更换配色主题"),
        "keys": ("按键", "列出全部按键及其适用位置"),
        "quit": ("退出", "退出程序"),
        "maximize": ("最大化", "最大化当前窗格"),
        "minimize": ("还原", "还原最大化的窗格"),
        "screenshot": ("截图", "将当前画面保存为 SVG 图片"),
    },
    quit_title="要退出吗？",
    quit_prompt="按 {key} 退出",
    copy_made="内置报告属于 xihu-tui 程序本身：现编辑其副本 {path}",
    copy_same="现编辑你的内置报告副本 {path}",
    copy_kept="现编辑你的内置报告副本 {path}，保留你上次的修改（与内置版本不同）",
    copy_failed="无法为内置报告创建可编辑的副本",
    filter_placeholder="筛选：文字或拼音（jkm）",
    filtered="{count} 项中有 {shown} 项匹配“{query}”",
    grouped_by="按{column}分组",
    group_row="{name} · {count} 项",
    no_group="（未分组）",
)


@dataclass(frozen=True)
class Strings:
    lang: str
    contents: str
    text: str
    metrics: str
    byline: str
    place: str
    period: str
    published: str
    inferred: str
    editorial_title: str
    col_label: str
    col_written: str
    col_value: str
    col_unit: str
    col_qualifier: str
    col_section: str
    col_group: str
    qualifiers: dict[Qualifier, str]
    decline_mark: str
    """Before the written words of a decline whose number the words do not sign (↓9.4% for 下降9.4%)."""
    group_description: str
    """Before a metric's group's description, where the metric is shown: "{group}" is its label."""
    no_metrics: str
    copied: str
    copy_caveat: str
    nothing_to_copy: str
    reloaded: str
    reload_failed: str
    more_problems: str
    report_gone: str
    no_file_to_edit: str
    no_editor: str
    cannot_suspend: str
    editor_failed: str
    editor_problems: dict[EditorProblem, str]
    """Why the editor could not start, by the core's reason."""
    editor_status: str
    theme: str
    counts: str  # "{sections} sections, {paragraphs} paragraphs, ..."
    bindings: dict[str, str]
    """Binding descriptions by binding id; a missing id keeps the binding's own (English) words."""
    chart: ChartWords
    reading: ReadingWords
    shell: ShellWords
    overview_title: str
    overview_count: str
    overview_sorted: str
    ascending: str
    descending: str
    help_title: str
    help_groups: dict[str, str]
    search_placeholder: str
    scope_section: str
    scope_report: str
    search_problems: dict[str, str]
    """Why a search found nothing, by `SearchResult.problem` code."""

    def report_summary(self, report: Report) -> str:
        return self.counts.format(
            sections=len(report.section_ids),  # made once: a million sections took 0.6 s
            paragraphs=len(report.paragraphs),
            figures=len(report.figures),
            metrics=len(report.metrics),
        )

    def describe(self, binding_id: str | None, default: str) -> str:
        """A binding's description: ours by its id, Textual's own by its English words."""
        if binding_id and binding_id in self.bindings:
            return self.bindings[binding_id]
        return self.shell.textual_bindings.get(default, default)


ENGLISH = Strings(
    lang="en",
    contents="Contents",
    text="Text",
    metrics="Metrics",
    byline="Byline",
    place="Place",
    period="Period",
    published="Published",
    inferred="inferred, see note",
    editorial_title="title added by the editors, not in the source",
    col_label="Metric",
    col_written="As written",
    col_value="Value",
    col_unit="Unit",
    col_qualifier="Qualifier",
    col_section="Section",
    col_group="Group",
    qualifiers={
        Qualifier.EXACT: "exact",
        Qualifier.MORE_THAN: "more than",
        Qualifier.AT_LEAST: "at least",
        Qualifier.AT_MOST: "at most",
        Qualifier.APPROXIMATELY: "approximately",
    },
    decline_mark="↓",
    group_description="Group {group}: ",
    no_metrics="This section states no figures.",
    copied="Copied to the clipboard",
    copy_caveat="Sent with OSC 52; some terminals (GNOME Terminal and other VTE ones) ignore it.",
    nothing_to_copy="Highlight a paragraph, caption or metric to copy it.",
    reloaded="Report reloaded",
    reload_failed="The report has problems; still showing the last good version",
    more_problems="… and {count} more (xihu-tui check lists them all)",
    report_gone="The report file is gone; still showing the last version read. It will be read again when it is back.",
    no_file_to_edit="This report was not read from a file, so there is nothing to edit.",
    no_editor="Set $EDITOR (or $VISUAL) to your editor to edit the report with e, for example: export EDITOR=nano",
    cannot_suspend="An editor cannot run here (this terminal cannot hand itself over, as in a browser).",
    editor_failed="The editor did not start",
    editor_problems={
        EditorProblem.UNPARSABLE: "cannot be read as a command (an unbalanced quote?)",
        EditorProblem.NOT_FOUND: "no such program",
        EditorProblem.DIRECTORY: "a directory, not a program",
        EditorProblem.NOT_EXECUTABLE: "not executable",
    },
    editor_status="The editor ended with status {status}; the report is unchanged.",
    theme="Theme",
    counts="{sections} sections · {paragraphs} paragraphs · {figures} captions · {metrics} metrics",
    bindings={"palette": "Command palette: jump to any section or metric"},
    chart=ENGLISH_CHART,
    reading=ENGLISH_READING,
    shell=ENGLISH_SHELL,
    overview_title="All metrics",
    overview_count="{count} metrics",
    overview_sorted="sorted by {column}, {direction}",
    ascending="ascending",
    descending="descending",
    help_title="Keys",
    help_groups={
        "app": "Everywhere",
        "explorer": "Explorer",
        "contents": "Contents tree",
        "table": "Metrics table",
        "overview": "Metrics overview",
        "reading": "Reading pane",
        "search": "Search bar",
        "palette": "Command palette",
        "input": "Typing (search bar, command palette, overview filter)",
        "help": "This help",
    },
    search_placeholder="search: words, pinyin (jkm), or numbers (>1万, >=100 人)",
    scope_section="this section",
    scope_report="whole report",
    search_problems={
        "blank": "type something to search",
        "no-match": "no matches",
        "bad-number": "not a number: try >1万 or >=100 人",
        "unknown-section": "no such section",
    },
)

CHINESE = Strings(
    lang="zh",
    contents="目录",
    text="正文",
    metrics="数据",
    byline="作者",
    place="地区",
    period="时期",
    published="发布日期",
    inferred="推断，见说明",
    editorial_title="编者所加标题，原文无",
    col_label="指标",
    col_written="原文",
    col_value="数值",
    col_unit="单位",
    col_qualifier="限定",
    col_section="章节",
    col_group="分组",
    qualifiers={
        Qualifier.EXACT: "确数",
        Qualifier.MORE_THAN: "超过",
        Qualifier.AT_LEAST: "不少于",
        Qualifier.AT_MOST: "不超过",
        Qualifier.APPROXIMATELY: "约",
    },
    decline_mark="↓",
    group_description="分组「{group}」：",
    no_metrics="本节没有数据。",
    copied="已复制到剪贴板",
    copy_caveat="通过 OSC 52 发送；部分终端（如 GNOME Terminal 等 VTE 终端）不支持。",
    nothing_to_copy="请先选中段落、图片说明或指标。",
    reloaded="报告已重新载入",
    reload_failed="报告有错误；仍显示上一个有效版本",
    more_problems="……另有 {count} 处（xihu-tui check 可列出全部）",
    report_gone="报告文件已不存在；仍显示最后读到的版本，文件恢复后会重新读取。",
    no_file_to_edit="此报告并非读自文件，无法编辑。",
    no_editor="请设置 $EDITOR（或 $VISUAL）为你的编辑器，再按 e 编辑报告，例如：export EDITOR=nano",
    cannot_suspend="此处无法运行编辑器（例如在浏览器中，终端无法交出控制）。",
    editor_failed="编辑器未能启动",
    editor_problems={
        EditorProblem.UNPARSABLE: "无法解析为命令（引号不成对？）",
        EditorProblem.NOT_FOUND: "找不到该程序",
        EditorProblem.DIRECTORY: "是目录，不是程序",
        EditorProblem.NOT_EXECUTABLE: "没有执行权限",
    },
    editor_status="编辑器以状态 {status} 结束，报告未改动。",
    theme="主题",
    counts="{sections} 节 · {paragraphs} 段 · {figures} 幅图片说明 · {metrics} 项数据",
    bindings={
        "quit": "退出",
        "help": "帮助",
        "theme": "主题",
        "overview": "数据总览",
        "copy": "复制",
        "edit": "在编辑器中打开",
        "save-draft": "保存草稿",
        "previous-section": "上一节",
        "next-section": "下一节",
        "toggle-contents": "目录",
        "contents.narrower": "目录变窄",  # layout (issue 17)
        "contents.wider": "目录变宽",  # layout (issue 17)
        "jump": "跳到原文",
        "palette": "命令面板：跳到任一章节或数据",
        "tree.down": "下移",
        "tree.up": "上移",
        "tree.collapse": "折叠 / 上一级",
        "tree.expand": "展开 / 下一级",
        "tree.first": "第一项",
        "tree.last": "最后一项",
        "overview.choose": "查看原文",
        "overview.sort": "排序",
        "overview.reverse": "反序",
        "overview.close": "关闭",
        "help.close": "关闭",
        "search": "搜索",
        "search.close": "关闭搜索",
        "search.next": "下一处",
        "search.previous": "上一处",
        "search.scope": "范围",
        "search.narrow": "只看有匹配的章节",
        "next-match": "下一处",
        "previous-match": "上一处",
        # the reader's place (issue 17): history, search that stays, the text pane's keys
        "history.back": "后退",
        "history.forward": "前进",
        "search.clear": "清除搜索",
        "search.cancel": "取消搜索，回到起点",
        "search.up": "上一处",
        "search.down": "下一处",
        "detail.down": "向下滚动",
        "detail.up": "向上滚动",
        "detail.page-down": "下一页",
        "detail.page-up": "上一页",
        "detail.top": "开头",
        "detail.bottom": "末尾",
        # end of the reader's place
        "overview.filter": "筛选",
        "overview.filter-alias": "筛选",
        "overview.clear-filter": "清除筛选",
        "overview.group": "分组",
        "palette.choose": "跳到所选项",
        "table.choose": "选择",
        "table.up": "上移",
        "table.down": "下移",
        "table.page-up": "上一页",
        "table.page-down": "下一页",
        "table.first": "第一行",
        "table.last": "最后一行",
        "table.left": "向左滚动",
        "table.right": "向右滚动",
    },
    chart=CHINESE_CHART,
    reading=CHINESE_READING,
    shell=CHINESE_SHELL,
    overview_title="数据总览",
    overview_count="共 {count} 项",
    overview_sorted="按{column}{direction}排列",
    ascending="升序",
    descending="降序",
    help_title="按键",
    help_groups={
        "app": "全局",
        "explorer": "浏览",
        "contents": "目录",
        "table": "数据表",
        "overview": "数据总览",
        "reading": "正文",
        "search": "搜索栏",
        "palette": "命令面板",
        "input": "输入文字（搜索栏、命令面板、总览筛选）",
        "help": "帮助",
    },
    search_placeholder="搜索：文字、拼音（jkm）或数值（>1万、>=100 人）",
    scope_section="本节",
    scope_report="全文",
    search_problems={
        "blank": "请输入要搜索的内容",
        "no-match": "无匹配",
        "bad-number": "无法识别数值：可试 >1万 或 >=100 人",
        "unknown-section": "没有这一节",
    },
)


# -- layout words (issue 17, layout) ---------------------------------------------------
# Kept apart from `Strings` so the layout's few words do not collide with other changes.


@dataclass(frozen=True)
class LayoutWords:
    """The metric panel's words for the report's key figures, at the root of the contents."""

    col_figures: str = "Key figures"
    col_count: str = "Count"
    col_range: str = "Range"
    count: str = "{count}"


ENGLISH_LAYOUT = LayoutWords()
CHINESE_LAYOUT = LayoutWords(col_figures="主要数据", col_count="项数", col_range="范围", count="{count} 项")


def layout_words(strings: Strings) -> LayoutWords:
    return CHINESE_LAYOUT if strings.lang == "zh" else ENGLISH_LAYOUT


# -- end of layout words ---------------------------------------------------------------


# -- the reader's place words (issue 17, the reader's place) ----------------------------
# Kept apart from `Strings`, as the layout's are; the bindings' words are in `bindings`.


@dataclass(frozen=True)
class PlaceWords:
    """What the explorer says about where the reader is: search matches and the history."""

    wrapped_to_first: str = "Past the last match: back to the first"
    wrapped_to_last: str = "Before the first match: on to the last"
    closed_counter: str = "/{query}  {counter}{where}"
    """The search's counter with the bar closed: `{query}`, `{counter}` (3/17) and `{where}`."""
    no_matches: str = "/{query}: no matches"
    where: dict[str, str] = field(
        default_factory=lambda: {
            "label": "metric label",
            "group": "group name",
            "note": "editors' note",
        }
    )
    """Where a match is when it is not in the text itself, by `Hit.field`."""
    no_older_place: str = "Nothing further back"
    no_newer_place: str = "Nothing further forward"


ENGLISH_PLACE = PlaceWords()
CHINESE_PLACE = PlaceWords(
    wrapped_to_first="已过最后一处匹配，回到第一处",
    wrapped_to_last="已过第一处匹配，转到最后一处",
    no_matches="/{query}：无匹配",
    where={"label": "数据名称", "group": "数据组名", "note": "编者注"},
    no_older_place="没有更早的位置",
    no_newer_place="没有更晚的位置",
)


def place_words(strings: Strings) -> PlaceWords:
    return CHINESE_PLACE if strings.lang == "zh" else ENGLISH_PLACE


# -- end of the reader's place words ----------------------------------------------------


# -- search words (issue 19, search never blocks) ---------------------------------------
# Kept apart from `Strings`, as the layout's and the place's are.


@dataclass(frozen=True)
class SearchWords:
    """What the search bar says while a long search runs in the background."""

    searching: str = "searching…"
    found_so_far: str = "searching… {count} so far"
    """Hits found so far, the reader not moved yet: `{count}`."""
    at_match_so_far: str = "{counter} searching…"
    """The reader at a match of the hits found so far: `{counter}` (3/120+ · title)."""


ENGLISH_SEARCH = SearchWords()
CHINESE_SEARCH = SearchWords(
    searching="搜索中…", found_so_far="搜索中… 已找到 {count} 处", at_match_so_far="{counter} 搜索中…"
)


def search_words(strings: Strings) -> SearchWords:
    return CHINESE_SEARCH if strings.lang == "zh" else ENGLISH_SEARCH


# -- end of search words ----------------------------------------------------------------


def strings_for(lang: str | None, report_language: str) -> Strings:
    chosen = lang or report_language
    return CHINESE if chosen.lower().startswith("zh") else ENGLISH
