package io.github.chicorygdbstub.documents;

import java.nio.charset.StandardCharsets;

/**
 * Slices a {@code qXfer} document: {@code m} + data when more follows, {@code l} + data for the
 * last piece, a bare {@code l} at or past the end. Clients re-read from offset 0 each time, so
 * slicing is stateless.
 */
public final class XferChunk {
    private XferChunk() {}

    /**
     * The reply to a read of {@code offset,length} of a document.
     *
     * @param document the whole document
     * @param offset the first byte wanted, in the document's UTF-8 bytes (unsigned, as the client sent it)
     * @param length how many bytes at most
     * @return the reply payload, before binary escaping
     */
    public static byte[] slice(String document, long offset, long length) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        if (offset < 0 || offset >= bytes.length || length <= 0) { // offset < 0: above 2^63, unsigned
            return new byte[] {'l'};
        }
        int start = (int) offset;
        int count = (int) Math.min(length, bytes.length - start);
        boolean last = start + count >= bytes.length;
        byte[] out = new byte[count + 1];
        out[0] = (byte) (last ? 'l' : 'm');
        System.arraycopy(bytes, start, out, 1, count);
        return out;
    }
}
