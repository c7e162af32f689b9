package io.github.chicorygdbstub.codec;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * NIO views of Netty buffers for the codec's bulk loops (hex encoding, escaping, checksums), which read and
 * write through VarHandles on the views: one loop for heap and direct memory that the JIT compiles to plain
 * loads and stores.
 */
final class NioViews {
    /** Eight bytes at any index of any view, heap or direct, as a little-endian long. */
    static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private NioViews() {}

    /**
     * A view of the next {@code length} bytes after {@code buf}'s writer index, sharing its memory; writing
     * starts at the view's position. The writer index does not move: the caller advances it by what it wrote.
     *
     * @throws IllegalArgumentException if {@code buf} is made of several components (allocators never return
     *     such buffers; composites do)
     */
    static ByteBuffer writable(ByteBuf buf, int length) {
        buf.ensureWritable(length);
        if (buf.nioBufferCount() != 1) {
            throw new IllegalArgumentException("need a buffer of one component, not " + buf);
        }
        return buf.nioBuffer(buf.writerIndex(), length);
    }
}
