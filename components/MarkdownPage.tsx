import type { JSX } from 'preact';

/**
 * Renders the small subset of Markdown our own documents use (headings, paragraphs, lists, tables, **bold**,
 * `code`, *emphasis*) as elements, never as HTML strings, so the privacy policy ships inside the extension.
 */
export function MarkdownPage({ text }: { text: string }) {
  const blocks: JSX.Element[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; ) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
    } else if (line.startsWith('#')) {
      const level = Math.min(3, line.match(/^#+/)?.[0].length ?? 1);
      const content = inline(line.replace(/^#+\s*/, ''));
      blocks.push(level === 1 ? <h1>{content}</h1> : level === 2 ? <h2>{content}</h2> : <h3>{content}</h3>);
      i++;
    } else if (line.startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && (lines[i] ?? '').startsWith('|'); i++) {
        const cells = (lines[i] ?? '')
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim());
        if (!cells.every((c) => /^-+$/.test(c))) rows.push(cells);
      }
      const [head = [], ...body] = rows;
      blocks.push(
        <table>
          <thead>
            <tr>
              {head.map((c) => (
                <th scope="col">{inline(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((r) => (
              <tr>
                {r.map((c) => (
                  <td>{inline(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>,
      );
    } else if (line.startsWith('- ')) {
      const items: string[] = [];
      for (; i < lines.length && /^(- |\s{2,}\S)/.test(lines[i] ?? ''); i++) {
        const current = lines[i] ?? '';
        if (current.startsWith('- ')) items.push(current.slice(2));
        else items[items.length - 1] += ` ${current.trim()}`;
      }
      blocks.push(
        <ul>
          {items.map((item) => (
            <li>{inline(item)}</li>
          ))}
        </ul>,
      );
    } else {
      const paragraph: string[] = [];
      for (; i < lines.length && (lines[i] ?? '').trim() !== '' && !/^(#|\||- )/.test(lines[i] ?? ''); i++)
        paragraph.push((lines[i] ?? '').trim());
      blocks.push(<p>{inline(paragraph.join(' '))}</p>);
    }
  }
  return <main class="options document">{blocks}</main>;
}

function inline(text: string): Array<string | JSX.Element> {
  return text
    .split(/(\*\*[^*]+\*\*|`[^`]+`|\*[^*]+\*)/)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('**') ? (
        <strong>{part.slice(2, -2)}</strong>
      ) : part.startsWith('`') ? (
        <code>{part.slice(1, -1)}</code>
      ) : part.startsWith('*') && part.length > 2 ? (
        <em>{part.slice(1, -1)}</em>
      ) : (
        part
      ),
    );
}
