from conftest import pdf_text


def test_markdown_becomes_deck_and_handout(project):
    markdown = """
    ---
    title: Smoke
    ---

    ## First slide

    - one
    - two
    """
    prs = project.pptx(markdown)
    assert [s.shapes.title.text_frame.text for s in prs.slides] == ["Smoke", "First slide"]
    assert "First slide" in pdf_text(project.pdf(markdown))
