"""read/region.py: region files are checked line by line before anything is built."""
import textwrap

import pytest

from deckbuild.errors import DeckError, Findings
from deckbuild.read.region import check_region_key, load_region
from templates import make_template

GOOD = """\
name: Testland
verified: "2026-11"
organization:
  name: Testland Health
  website: www.testland.example.org
  phone: "555-0100"
  email: info@testland.example.org
  logo: assets/logo.png
theme:
  accent: "#abc"
  template: assets/org.pptx
variables:
  trainer: Sam
resources:
  - group: Local
    items:
      - name: Helpline
        url: "tel:+1 555 0101"
        phone: "555-0101"
        description: Someone to talk to.
        hours: "24/7"
      - name: Mail us
        url: mailto:help@testland.example.org
"""


@pytest.fixture
def folder(project):
    from PIL import Image
    Image.new("RGB", (120, 40), "#7A3E9D").save(project.root / "assets" / "logo.png")
    make_template(project.root / "assets" / "org.pptx")
    return project


def _load(folder, text):
    path = folder.region(textwrap.dedent(text), "testland")
    return load_region(path, folder.root, Findings())


def _refused(folder, text):
    with pytest.raises(DeckError) as caught:
        _load(folder, text)
    error = caught.value
    assert error.path.endswith("testland.yaml")
    return error.line, error.message


def test_a_complete_file_is_read(folder):
    region = _load(folder, GOOD)
    assert region.key == "testland" and region.name == "Testland"
    assert region.verified == "2026-11"
    assert region.organization.website == "https://www.testland.example.org"
    assert region.organization.logo.endswith("logo.png")
    assert region.accent == "AABBCC"
    assert region.template.endswith("org.pptx")
    assert region.variables == (("trainer", "Sam"),)
    helpline, mail = region.groups[0].items
    assert helpline.url == "tel:+15550101" and helpline.hours == "24/7"
    assert mail.url == "mailto:help@testland.example.org"
    assert region.groups[0].source.line == 15


def _replace(old, new):
    assert old in GOOD
    return GOOD.replace(old, new, 1)


@pytest.mark.parametrize("text, line, words", [
    # unknown keys, with a suggestion when one is close
    (_replace("verified:", "verifed:"), 2, "'verifed' is not a field of the region file"
                                           " (did you mean 'verified'?)"),
    (_replace("  email:", "  emial:"), 7, "did you mean 'email'"),
    (_replace("        hours:", "        opening:"), 21, "'opening' is not a field of a resource"),
    (_replace("  - group: Local", "  - group: Local\n    colour: red"), 16, "'colour'"),
    # missing required fields
    (_replace("name: Testland\n", ""), 1, "'name:' is required"),
    (GOOD.split("resources:")[0] + "resources:\n", 1, "'resources:' is required"),
    (_replace("      - name: Mail us", "      - phone: x"), 22, "'name:' is required"),
    (_replace("    items:\n", "    itmes:\n"), 16, "did you mean 'items'"),
    # wrong types
    (_replace("name: Testland", "name: [Test, land]"), 1, "single value"),
    (_replace("organization:\n  name: Testland Health\n  website: www.testland.example.org\n"
              "  phone: \"555-0100\"\n  email: info@testland.example.org\n"
              "  logo: assets/logo.png\n", "organization: Testland Health\n"), 3,
     "must hold indented"),
    (_replace("variables:\n  trainer: Sam", "variables:\n  - Sam"), 12, "must hold indented"),
    (_replace("  trainer: Sam", "  trainer:\n    - Sam"), 13, "single value"),
    (GOOD.split("resources:")[0] + "resources:\n  group: Local\n", 14, "must be a list"),
    # addresses
    (_replace('url: "tel:+1 555 0101"', 'url: "javascript:alert(1)"'), 18,
     "'javascript:alert(1)' cannot be used"),
    (_replace('url: "tel:+1 555 0101"', "url: data:text/html,hi"), 18, "cannot be used"),
    (_replace('url: "tel:+1 555 0101"', "url: ftp://files.example.org"), 18, "cannot be used"),
    (_replace('url: "tel:+1 555 0101"', "url: testland.example.org"), 18, "start it with https"),
    (_replace("  website: www.testland.example.org", "  website: mailto:a@b.org"), 5,
     "web address"),
    (_replace("  email: info@testland.example.org", "  email: info at testland"), 7,
     "not an e-mail address"),
    # files
    (_replace("logo: assets/logo.png", "logo: assets/missing.png"), 8, "does not exist"),
    (_replace("logo: assets/logo.png", "logo: ../outside.png"), 8, "outside the project"),
    (_replace("template: assets/org.pptx", "template: assets/none.pptx"), 11, "does not exist"),
    (_replace("template: assets/org.pptx", "template: assets/logo.png"), 11, "(.pptx or .potx)"),
    # values
    (_replace('accent: "#abc"', "accent: purple"), 10, "not a colour"),
    (_replace("  trainer: Sam", "  region: Sam"), 13, "is taken"),
    (_replace("  trainer: Sam", "  train-er: Sam"), 13, "cannot be a variable name"),
    (_replace("      - name: Mail us", "  - group: local\n    items:\n      - name: Mail us"),
     22, "already a group 'local' (line 15)"),
    (_replace("verified:", "name: Again\nverified:"), 2, "'name' appears twice"),
    # YAML that cannot be read
    (_replace("name: Testland", "name: Test: land"), 1, "cannot be read"),
])
def test_mistakes_are_refused_at_their_line(folder, text, line, words):
    got_line, message = _refused(folder, text)
    assert words in message
    assert got_line == line, message


def test_a_region_may_bring_only_its_look(folder):
    region = _load(folder, GOOD.split("resources:")[0])
    assert region.groups == () and region.template.endswith("org.pptx")


def test_a_logo_that_is_not_a_picture_is_refused(folder):
    (folder.root / "assets" / "logo.png").write_bytes(b"not a picture")
    line, message = _refused(folder, GOOD)
    assert line == 8 and "the logo 'assets/logo.png'" in message


def test_a_template_that_cannot_be_opened_is_refused(folder):
    (folder.root / "assets" / "org.pptx").write_bytes(b"PK\x03\x04 broken")
    line, message = _refused(folder, GOOD)
    assert line == 11 and "not a PowerPoint presentation" in message


def test_a_file_that_is_not_a_mapping_is_refused(folder):
    line, message = _refused(folder, "- just\n- a list\n")
    assert line == 1 and "'key: value'" in message


@pytest.mark.parametrize("key, ok", [("connecticut", True), ("new-haven", True),
                                     ("county_2", True), ("../x", False), ("a b", False),
                                     ("", False), ("-x", False), ("a/b", False)])
def test_region_names(key, ok):
    assert (check_region_key(key) is None) == ok


def test_the_shipped_region_files_are_valid():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "source" / "regions").glob("*.yaml")):
        region = load_region(path, root, Findings())
        assert region.groups and all(group.items for group in region.groups)


def test_connecticut_keeps_the_seed_link():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    region = load_region(root / "source" / "regions" / "connecticut.yaml", root, Findings())
    urls = [item.url for group in region.groups for item in group.items]
    assert "https://portal.ct.gov/dmhas/initiatives/dmhas-initiatives/harm-reduction" in urls
    assert [g.title for g in region.groups] == ["Connecticut Resources", "National Resources"]
    assert region.verified == "2026-11"


def test_more_resources_than_a_build_can_take_are_refused_with_the_limit(project):
    from deckbuild.read.region import MAX_RESOURCES
    items = "".join(f"      - name: Service {n}\n" for n in range(MAX_RESOURCES + 1))
    project.region("name: Big\nresources:\n  - group: All\n    items:\n" + items)
    with pytest.raises(DeckError) as caught:
        project.read("---\ntitle: T\nregion: testland\n---\n\n## A\n\n- b\n")
    assert caught.value.line == 2
    assert caught.value.message.startswith(f"this region file lists {MAX_RESOURCES + 1:,}"
                                           f" resources; deckbuild builds up to"
                                           f" {MAX_RESOURCES:,}")
