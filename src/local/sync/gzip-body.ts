/**
 * Push bodies are JSON with many repeated keys; gzip shrinks them 4–8× on the wire, which on a
 * 400 kbps link is most of the time a sync takes. Where CompressionStream is missing, send plain JSON.
 */
export async function gzipBody(json: string): Promise<{ body: BodyInit; encoding?: 'gzip' }> {
  if (typeof CompressionStream === 'undefined') return { body: json };
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
  return { body: await new Response(stream).arrayBuffer(), encoding: 'gzip' };
}
