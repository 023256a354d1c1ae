"""pandoc's syntax that Python-Markdown lacks, module by module (read/pandoc/)."""
import pytest

from deckbuild.read.pandoc.example_lists import ExampleLists
from deckbuild.read.pandoc.inline_notes import InlineNotes
from deckbuild.read.pandoc.lines import code_lines
from deckbuild.read.pandoc.tables import read_table

SIMPLE = """\
  Right     Left     Center     Default
-------     ------ ----------   -------
     12     12        12            12
    123     123       123          123

after""".split("\n")

MULTILINE = """\
-------------------------------------------------------------
 Centered   Default           Right Left
  Header    Aligned         Aligned Aligned
----------- ------- --------------- -------------------------
   First    row                12.0 Example of a row that
                                    spans multiple lines.

  Second    row                 5.0 Here's another one.
-------------------------------------------------------------""".split("\n")

GRID = """\
+---------------+---------------+--------------------+
| Fruit         | Price         | Advantages         |
+===============+===============+====================+
| Bananas       | $1.34         | - built-in wrapper |
|               |               | - bright color     |
+---------------+---------------+--------------------+
| Oranges       | $2.10         | cures scurvy       |
+---------------+---------------+--------------------+""".split("\n")


def test_simple_table_columns_and_alignment():
    table, end, indent = read_table(SIMPLE, 0)
    assert table.header == ["Right", "Left", "Center", "Default"]
    assert table.rows == [["12", "12", "12", "12"], ["123", "123", "123", "123"]]
    assert table.aligns == ["right", "left", "center", ""]
    assert end == 3 and indent == 0 and table.widths == []


def test_multiline_table_joins_lines_and_keeps_relative_widths():
    table, end, _ = read_table(MULTILINE, 0)
    assert table.header == ["Centered Header", "Default Aligned", "Right Aligned",
                            "Left Aligned"]
    assert table.rows[0][3] == "Example of a row that spans multiple lines."
    assert len(table.rows) == 2 and end == len(MULTILINE) - 1
    assert table.aligns == ["center", "", "right", "left"]
    assert abs(sum(table.widths) - 1) < 1e-9 and table.widths[3] > table.widths[1]


def test_grid_table_cells_keep_their_lines():
    table, end, _ = read_table(GRID, 0)
    assert table.header == ["Fruit", "Price", "Advantages"]
    assert table.rows[0][2] == "- built-in wrapper\n- bright color"
    assert table.rows[1] == ["Oranges", "$2.10", "cures scurvy"] and table.blocks


def test_headerless_tables_and_what_is_no_table():
    table, end, _ = read_table(["--- ---", "1   2", "--- ---"], 0)
    assert table.header == [] and table.rows == [["1", "2"]]
    table, _, _ = read_table(["  ---", "  1", "  ---", "  2", "", "  ---"], 0)
    assert table.header == ["1"] and table.rows == [["2"]]  # a one-column multiline table
    assert read_table(["a", "---", "1"], 0) is None  # one column under a line: a heading
    assert read_table(["---", "", "text"], 0) is None  # a slide break
    assert read_table(["---", "## Heading", "---"], 0) is None


def test_code_lines_are_found_only_between_closed_fences():
    lines = ["```", "| a |", "```", "text", "~~~~", "open"]
    assert code_lines(lines) == [True, True, True, False, False, False]


def test_inline_notes_become_references_and_keep_line_numbers():
    lines = ["Here^[a note [with brackets]] and `^[code]`", "more^[over", "two lines].", "",
             "next"]
    out = InlineNotes(None).run(lines)
    assert out[0] == "Here[^deckbuild-inline-0] and `^[code]`"
    assert out[1] == "more[^deckbuild-inline-1]."
    assert out[4] == "next"  # still the fifth line
    assert out[-2:] == ["[^deckbuild-inline-0]: a note [with brackets]",
                        "[^deckbuild-inline-1]: over two lines"]


@pytest.mark.parametrize("lines, expected", [
    (["(@) one", "(@good) two", "", "As (@good) shows, mail me@example.org."],
     ["(1) one", "(2) two", "", "As (2) shows, mail me@example.org."]),
    (["(@a) first", "", "text", "", "(@) third"], ["(1) first", "", "text", "", "(2) third"]),
])
def test_example_lists_number_on_through_the_deck(lines, expected):
    assert ExampleLists(None).run(lines) == expected
