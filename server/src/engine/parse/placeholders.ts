// Lines that stand for a table not in the text: pandoc's `[TABLE]`, a sentence sending the reader to an attached
// table (详见附件1), and a picture — the line our readers write for
// an image on its own (`[图片]`, read/document.ts imageLine), a Markdown image, an HTML `<img>` left in a text,
// the image marks of text browsers and converters (`[image]`, `[IMG]`, `[INLINE]`), U+FFFC. A section whose table
// is such a line has its table unreadable (its numbers are not in the text), not missing.

import type { LocalizedText } from '../model';

/** One picture: Markdown (`![alt](src)`, `![alt][ref]`, pandoc's `{width=…}` after it), an `<img>` tag, a mark. */
const ONE_IMAGE =
  /(?:!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])(?:\{[^}\n]*\})?|<img\b[^>\n]*>|\[(?:图片|图像|image|img|inline)(?:[:：][^\]\n]*)?\]|\uFFFC)/i;
const IMAGES_ONLY = new RegExp(`^(?:${ONE_IMAGE.source}\\s*)+$`, 'i');

/**
 * A sentence sending the reader to an attached table: 详见附件1《主动公开政府信息情况统计表》, 具体数据见附表,
 * （见附件）. A report that publishes its tables as an attachment has their numbers in another file.
 */
const SEE_ATTACHMENT = /(?:详见|参见|请见|具体(?:情况|数据|内容)?(?:详)?见|(?:^|[（(，,：:])见)[^。；;]{0,8}(?:附件|附表)/;

/** What the line stands for, if it is a table's placeholder: a picture, or a table the converter did not write. */
export function placeholderReason(line: string): LocalizedText | undefined {
  const t = line.trim();
  if (t === '[TABLE]')
    return {
      zh: '表格在文字中只剩“[TABLE]”（转换工具未输出有合并单元格的表格），其中的数字无法读取',
      en: 'the table is only “[TABLE]” in the text (the converter did not write a table with merged cells): its numbers cannot be read',
    };
  if (t.length > 0 && t.length <= 200 && SEE_ATTACHMENT.test(t)) {
    const quoted = t.length > 40 ? `${t.slice(0, 40)}…` : t;
    return {
      zh: `表格在附件中（“${quoted}”），文中没有其中的数字，请对照附件核对`,
      en: `the table is in an attachment (“${quoted}”): its numbers are not in the text; check them in the attachment`,
    };
  }
  if (t.length > 0 && t.length <= 400 && IMAGES_ONLY.test(t)) {
    const quoted = t.length > 40 ? `${t.slice(0, 40)}…` : t;
    return {
      zh: `表格是图片（“${quoted}”），其中的数字无法读取，请对照原图核对`,
      en: `the table is a picture (“${quoted}”): its numbers cannot be read; check them against the picture`,
    };
  }
  return undefined;
}
