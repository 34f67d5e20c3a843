/** Tag names of an XML text, checking that every opened tag closes in order; throws on the first mismatch. */
export function balancedTags(xml: string): string[] {
  const stack: string[] = [];
  const seen: string[] = [];
  for (const m of xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g)) {
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      seen.push(name);
      if (!selfClosing) stack.push(name);
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
  return seen;
}
