"""HTML rendering: a page inside a site layout, and junk pages."""

from __future__ import annotations

import html
import random
from collections.abc import Iterable, Sequence

from .documents import Page, Site
from .sites import _slug


def _inline_html(text: str, links: Iterable[tuple[int, int, str]]) -> str:
    out, position = [], 0
    for start, end, href in sorted(links):
        if start < position:
            continue
        out.append(html.escape(text[position:start], quote=False))
        out.append(f'<a href="{html.escape(href)}">{html.escape(text[start:end], quote=False)}</a>')
        position = end
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


def _lines_html(text: str, links: Sequence[tuple[int, int, str]], tag: str) -> list[str]:
    """One element per line of a multi-line block, keeping the links that fall in it."""
    out, offset = [], 0
    for line in text.split("\n"):
        inside = [(s - offset, e - offset, h) for s, e, h in links if offset <= s < offset + len(line)]
        out.append(f"<{tag}>{_inline_html(line, inside)}</{tag}>")
        offset += len(line) + 1
    return out


_COOKIE_BANNERS = (
    "We use cookies to improve your experience and to show you relevant ads. Accept all | Manage preferences",
    "This site uses cookies. By continuing to browse you agree to our use of cookies. OK",
    "Cookies help us deliver our services. Learn more | Got it",
)
# Which blocks sit in the article's header, and which below the article.
_HEADER_ROLES = {"title_repeat", "title", "byline", "read_time"}
_AFTER_ROLES = {"related", "comments"}
_SHARE_WIDGETS = (
    ("Share this:", "Facebook", "Twitter", "Pinterest", "Email"),
    ("Share on X", "Share on Facebook", "Copy link"),
    ("Share", "WhatsApp", "LinkedIn", "Reddit", "Print"),
)


def render_html(page: Page, site: Site, topic_label: str, title: str, url: str, language: str,
                rng: random.Random) -> str:
    """The page inside a site layout: head, cookie banner, header with navigation, the
    article (meta, share widget, body, sources), related posts, comments, sidebar, footer."""
    esc = html.escape
    share = rng.choice(_SHARE_WIDGETS)
    html_lines = [
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(title)} | {esc(site.name)}</title>",
        f'<meta name="description" content="{esc(title)}">',
        f'<link rel="canonical" href="{esc(url)}">',
        '<link rel="stylesheet" href="/assets/site.css">',
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>",
        "</head>",
        f'<body class="layout-{site.layout}">',
    ]
    cookie = f'<div class="cookie-banner"><p>{esc(rng.choice(_COOKIE_BANNERS))}</p></div>'
    if site.layout != "minimal":
        html_lines.append(cookie)
    html_lines += _site_header_html(site, topic_label)
    html_lines += _article_html(page, site, share)
    html_lines += _after_article_html(page)
    html_lines.append("</main>")
    html_lines += _sidebar_and_footer_html(page, site)
    if site.layout == "minimal":
        html_lines.append(cookie)
    html_lines += ['<script src="/assets/app.js"></script>', "</body>", "</html>", ""]
    return "\n".join(html_lines)


def _site_header_html(site: Site, topic_label: str) -> list[str]:
    nav_items = ["Home", topic_label, "Guides", "Reviews", "About", "Contact"]
    return [
        '<header class="site-header">',
        f'<a class="logo" href="https://{site.host}/">{html.escape(site.name)}</a>',
        '<nav class="main-nav"><ul>',
        *[f'<li><a href="https://{site.host}/{_slug(item) or "home"}/">{html.escape(item)}</a></li>'
          for item in nav_items],
        "</ul></nav>",
        "</header>",
        '<main class="content">',
        '<article class="post">',
        '<header class="entry-header">',
    ]


def _article_html(page: Page, site: Site, share: Sequence[str]) -> list[str]:
    """The article element after its opening: meta lines, share widget, body, sources."""
    esc = html.escape
    html_lines = []
    for block in page.blocks:
        if block.role not in _HEADER_ROLES:
            continue
        if block.role == "title":
            html_lines.append(f'<h1 class="entry-title">{esc(block.text)}</h1>')
        elif block.role == "title_repeat":
            html_lines.append(f'<p class="kicker">{esc(block.text)}</p>')
        else:
            html_lines.append(f'<div class="entry-meta"><span>{esc(block.text)}</span></div>')
    html_lines.append("</header>")
    share_html = '<div class="share-buttons">' + " ".join(
        f'<a href="#share-{_slug(item)}">{esc(item)}</a>' for item in share) + "</div>"
    if site.layout == "magazine":
        html_lines.append(share_html)
    html_lines.append('<div class="entry-content">')
    for block in page.blocks:
        if block.role in _HEADER_ROLES | _AFTER_ROLES | {"template"}:
            continue
        if block.role == "heading":
            html_lines.append(f"<h2>{esc(block.text)}</h2>")
        elif block.role == "citations":
            head, *_ = block.text.split("\n")
            items = _lines_html(block.text, block.links, "li")[1:]
            html_lines += ['<div class="sources">', f"<p>{esc(head)}</p>", "<ul>", *items, "</ul>", "</div>"]
        elif block.role == "contact":
            html_lines.append(f'<p class="author-contact">{esc(block.text)}</p>')
        else:
            html_lines.append(f"<p>{_inline_html(block.text, block.links)}</p>")
    html_lines.append("</div>")
    if site.layout != "magazine":
        html_lines.append(share_html)
    html_lines.append("</article>")
    return html_lines


def _after_article_html(page: Page) -> list[str]:
    """Related posts and comments, below the article."""
    html_lines = []
    for block in (b for b in page.blocks if b.role in _AFTER_ROLES):
        if block.role == "related":
            head, *_ = block.text.split("\n")
            items = _lines_html(block.text, block.links, "li")[1:]
            html_lines += ['<section class="related-posts">', f"<h3>{html.escape(head)}</h3>", "<ul>", *items,
                           "</ul>", "</section>"]
        else:
            html_lines += ['<section id="comments" class="comments">',
                           *[f"<p>{html.escape(line)}</p>" for line in block.text.split("\n")], "</section>"]
    return html_lines


def _sidebar_and_footer_html(page: Page, site: Site) -> list[str]:
    html_lines = []
    if site.layout == "blog":
        html_lines += [
            '<aside class="sidebar">',
            '<form class="search" action="/search"><label>Search for:</label><input name="q"></form>',
            f"<h4>Categories</h4><ul><li><a href=\"https://{site.host}/category/guides/\">Guides</a></li>"
            f"<li><a href=\"https://{site.host}/category/news/\">News</a></li></ul>",
            "<h4>Newsletter</h4><p>Sign up for our weekly e-mail.</p>",
            "</aside>",
        ]
    html_lines += ['<footer class="site-footer">']
    html_lines += [f"<p>{html.escape(block.text)}</p>" for block in page.blocks if block.role == "template"]
    html_lines += [
        f'<p><a href="https://{site.host}/privacy/">Privacy</a> · <a href="https://{site.host}/terms/">Terms</a>'
        f' · <a href="https://{site.host}/contact/">Contact</a></p>',
        "</footer>",
    ]
    return html_lines


def _junk_html(title: str, lines: Sequence[str], kind: str, site: Site) -> str:
    esc = html.escape
    if kind == "navigation_only":
        inner = "<nav><ul>" + "".join(
            f'<li><a href="https://{site.host}/{_slug(line) or "home"}/">{esc(line)}</a></li>'
            for line in lines
        ) + "</ul></nav>"
    else:
        inner = "".join(f"<p>{esc(line)}</p>" for line in lines)
    return ('<!DOCTYPE html>\n<html lang="en">\n'
            f'<head><meta charset="utf-8"><title>{esc(title)}</title></head>\n'
            f"<body>\n{inner}\n</body>\n</html>\n")
