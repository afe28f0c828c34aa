#!/usr/bin/env python3
"""Regenerates build/fonts/KioskSansSC-Regular.ttf, the CJK font the core embeds in A4 PDFs.

Source: Noto Sans CJK SC Regular from Debian's fonts-noto-cjk (the SC face, index 2, of
/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc). Needs python3-fonttools (Debian).

What it does, and why:
- keeps ASCII, Latin-1 (for ¥ · ×), general punctuation, every GB2312 character (6,763 hanzi +
  symbols and full-width forms), CJK symbols and punctuation, full-width forms and the financial
  capital numerals (壹贰叁肆伍陆柒捌玖拾佰仟萬億圆) so any certificate or statement text renders;
- converts the CFF (cubic, CID-keyed) outlines to TrueType quadratic outlines, because pdf-lib's
  fontkit subsetter is reliable with glyf fonts and has had bugs with CID-keyed CFF;
- renames the family (OFL 1.1: a Modified Version should not carry the original name).

Usage: python3 build/fonts/make-cjk-subset.py [source.ttc] [font-number]
"""
import os
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
FONT_NUMBER = int(sys.argv[2]) if len(sys.argv) > 2 else 2  # 2 = Noto Sans CJK SC
TARGET = os.path.join(HERE, 'KioskSansSC-Regular.ttf')
FAMILY = 'Kiosk Sans SC'
MAX_ERR = 1.0  # font units; the cubic→quadratic tolerance (em = 1000)


def gb2312_codepoints():
    points = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes([hi, lo]).decode('gb2312')
            except UnicodeDecodeError:
                continue
            points.add(ord(ch))
    return points


def wanted_codepoints():
    points = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    points |= set(range(0x2010, 0x2070))  # general punctuation (— … ‰ ※)
    points |= set(range(0x3000, 0x3040))  # CJK symbols and punctuation
    points |= set(range(0xFF01, 0xFF5F)) | set(range(0xFFE0, 0xFFE7))  # full-width forms, ￥
    points |= {ord(c) for c in '零壹贰叁肆伍陆柒捌玖拾佰仟万萬亿億元圆角分整正'}
    points |= {0x00A5, 0x2116, 0x2103, 0x2160, 0x25A0, 0x25A1, 0x25CB, 0x25CF, 0x2605, 0x2606}
    return points | gb2312_codepoints()


def cff_to_glyf(font):
    """Replaces CFF outlines with TrueType ones (the fontTools otf2ttf recipe)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable('glyf')
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    # Pad every glyph to 4 bytes: fontkit's subsetter (inside pdf-lib) copies raw glyph data and
    # writes a short loca (offset / 2) for small subsets, which corrupts odd-length glyphs.
    glyf.padding = 4
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = tt_pen.glyph()
    font['loca'] = newTable('loca')
    font['glyf'] = glyf
    del font['CFF ']
    if 'VORG' in font:
        del font['VORG']
    maxp = font['maxp']
    maxp.tableVersion = 0x00010000
    for attr in ('maxZones', 'maxTwilightPoints', 'maxStorage', 'maxFunctionDefs',
                 'maxInstructionDefs', 'maxStackElements', 'maxSizeOfInstructions',
                 'maxComponentElements'):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    post = font['post']
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font['head'].glyphDataFormat = 0
    font.sfntVersion = '\x00\x01\x00\x00'


def rename(font):
    names = font['name']
    ps_name = FAMILY.replace(' ', '') + '-Regular'
    for rec in list(names.names):
        if rec.nameID in (1, 4, 16):
            names.setName(FAMILY if rec.nameID != 4 else FAMILY + ' Regular', rec.nameID,
                          rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 6:
            names.setName(ps_name, 6, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 3:
            names.setName('hall-kiosk;' + ps_name, 3, rec.platformID, rec.platEncID, rec.langID)
    names.names = [r for r in names.names if r.nameID not in (17, 18)]


def main():
    font = TTFont(SOURCE, fontNumber=FONT_NUMBER)
    options = subset.Options()
    options.layout_features = ['kern', 'vert', 'vrt2']
    options.name_IDs = ['*']
    options.name_languages = ['*']
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_codepoints())
    subsetter.subset(font)
    cff_to_glyf(font)
    rename(font)
    font.save(TARGET)
    print(f'{TARGET}: {os.path.getsize(TARGET)} bytes, {len(font.getGlyphOrder())} glyphs')


if __name__ == '__main__':
    main()
