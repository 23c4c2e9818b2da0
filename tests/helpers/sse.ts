// Reading a Server-Sent Events response body in route-handler tests.

/** Read the stream until `pattern` appears, it ends, or `ms` pass; returns everything read and whether it ended. */
export async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  pattern: RegExp,
  ms: number,
): Promise<{ text: string; ended: boolean }> {
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !pattern.test(text)) {
    const next = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now()))),
    ]);
    if (next === null) break;
    if (next.done) return { text, ended: true };
    text += decoder.decode(next.value);
  }
  return { text, ended: false };
}
