"""Break opportunities in long tokens: only in text between tags, never in what they mark."""

from __future__ import annotations

from briefgen.rendering.breaks import LONG, STEP, WBR, breakable


def test_a_long_token_breaks_every_few_characters_and_keeps_its_text() -> None:
    token = "0123456789abcdef" * 10
    html = f'<p><a href="https://x.example/{token}">{token}</a> and short words</p>'
    out = breakable(html)
    assert out.replace(WBR, "") == html
    assert out.count(WBR) == (len(token) - 1) // STEP
    assert f'href="https://x.example/{token}"' in out  # attributes keep the token whole


def test_prose_words_entities_styles_and_charts_are_left_alone() -> None:
    word = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"  # 63 letters
    assert len(word) < LONG + 1
    long = "z" * (LONG + 1)
    html = (f"<style>.a{{content:'{long}'}}</style><p>{word}</p>"
            f"<svg><text>{long}</text></svg><!-- {long} -->")
    assert breakable(html) == html
    entities = breakable("<p>" + "&amp;" * (LONG + 1) + "</p>")
    assert entities.replace(WBR, "") == "<p>" + "&amp;" * (LONG + 1) + "</p>"
    assert "&am<wbr>" not in entities and "&<wbr>" not in entities
