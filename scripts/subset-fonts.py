#!/usr/bin/env python3
"""Makes the Noto fonts bundled in resources/fonts from Debian's Noto packages.

The documents (certificate, report, score sheet) print names in the scripts people in the UK write
them in. Atkinson Hyperlegible draws Latin; these Noto fonts draw the rest. Each is cut down to what
a printed page needs: hinting is dropped (it only helps small text on screens) and the Chinese font
keeps only the commonly used characters, so the bundle stays a few megabytes.

Run it on Debian or Ubuntu (it is not run by the build or the tests; the output is committed):

    sudo apt-get install fonts-noto-core fonts-noto-cjk python3-fonttools
    /usr/bin/python3 scripts/subset-fonts.py

It writes the fonts and prints their SHA-256 for resources/fonts/README.md. The same package
versions give byte-identical files (fontTools keeps the source's timestamps).
"""

import hashlib
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

NOTO = '/usr/share/fonts/truetype/noto'
NOTO_CJK = '/usr/share/fonts/opentype/noto'
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'fonts')

# Noto Sans: Latin (with Vietnamese and the rest of Latin Extended), Greek, Cyrillic, the
# punctuation and symbols names use. Atkinson Hyperlegible draws ASCII and most Latin; Noto Sans
# draws the Latin letters it lacks (e.g. Welsh Ŵ, Ŷ) and Greek and Cyrillic.
NOTO_SANS_RANGES = [
    (0x0000, 0x024F),  # Basic Latin to Latin Extended-B
    (0x0250, 0x02FF),  # IPA extensions, spacing modifier letters
    (0x0300, 0x036F),  # combining diacritical marks
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x052F),  # Cyrillic and Cyrillic Supplement
    (0x1AB0, 0x1AFF),  # combining diacritical marks extended
    (0x1C80, 0x1C8F),  # Cyrillic Extended-C
    (0x1DC0, 0x1DFF),  # combining diacritical marks supplement
    (0x1E00, 0x1FFF),  # Latin Extended Additional, Greek Extended
    (0x2000, 0x206F),  # general punctuation (dashes, quotes, joiners)
    (0x20A0, 0x20CF),  # currency symbols
    (0x2100, 0x214F),  # letterlike symbols (№, ™)
    (0x2C60, 0x2C7F),  # Latin Extended-C
    (0x2DE0, 0x2DFF),  # Cyrillic Extended-A
    (0xA640, 0xA69F),  # Cyrillic Extended-B
    (0xA720, 0xA7FF),  # Latin Extended-D
    (0xAB30, 0xAB6F),  # Latin Extended-E
    (0xFB00, 0xFB06),  # Latin ligatures
    (0xFE20, 0xFE2F),  # combining half marks
    (0xFFFD, 0xFFFD),  # replacement character: what free text shows for a character no font has
]

# Scripts drawn by one Noto family each: the whole font is kept (only hinting is dropped).
WHOLE_FONTS = [
    'NotoSansArabic',
    'NotoSansHebrew',
    'NotoSansDevanagari',
    'NotoSansBengali',
    'NotoSansGurmukhi',
    'NotoSansGujarati',
    'NotoSansTamil',
]


def common_chinese_characters():
    """The hanzi of GB 2312 (all 6,763: the simplified characters in everyday use) and of Big5's
    first level (5,401 frequently used traditional characters): 8,836 characters together."""
    chars = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode('gb2312'))
            except UnicodeDecodeError:
                pass
    for high in range(0xA4, 0xC7):
        for low in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                char = bytes([high, low]).decode('big5')
            except UnicodeDecodeError:
                continue
            if 0x4E00 <= ord(char) <= 0x9FFF:
                chars.add(char)
    return sorted(ord(char) for char in chars)


CJK_RANGES = [
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # hiragana and katakana (Japanese names)
    (0x31F0, 0x31FF),  # katakana phonetic extensions
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms
]


def expand(ranges):
    return [code for low, high in ranges for code in range(low, high + 1)]


def options():
    opts = subset.Options()
    opts.layout_features = ['*']  # keep shaping (GSUB/GPOS) for every script
    opts.hinting = False
    opts.name_IDs = ['*']  # keep the copyright and licence records
    opts.name_languages = ['*']
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    opts.glyph_names = False
    return opts


def write(font, unicodes, name):
    subsetter = subset.Subsetter(options())
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    path = os.path.join(OUT, name)
    font.save(path, reorderTables=True)
    font.close()
    return path


def main():
    written = []
    for style in ['Regular', 'Bold', 'Italic']:
        source = TTFont(os.path.join(NOTO, f'NotoSans-{style}.ttf'), recalcTimestamp=False)
        written.append(write(source, expand(NOTO_SANS_RANGES), f'NotoSans-{style}.ttf'))
    for family in WHOLE_FONTS:
        for style in ['Regular', 'Bold']:
            source = TTFont(os.path.join(NOTO, f'{family}-{style}.ttf'), recalcTimestamp=False)
            written.append(write(source, list(source.getBestCmap().keys()), f'{family}-{style}.ttf'))
    hanzi = common_chinese_characters()
    for style in ['Regular', 'Bold']:
        collection = TTCollection(os.path.join(NOTO_CJK, f'NotoSansCJK-{style}.ttc'))
        # Font 2 of the collection is Noto Sans CJK SC (simplified Chinese forms).
        source = collection.fonts[2]
        source.recalcTimestamp = False
        written.append(write(source, hanzi + expand(CJK_RANGES), f'NotoSansSC-{style}.otf'))
    print(f'{len(hanzi)} Chinese characters kept.')
    for path in written:
        with open(path, 'rb') as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()
        print(f'| {os.path.basename(path)} | {os.path.getsize(path)} | {digest} |')


if __name__ == '__main__':
    sys.exit(main())
