package io.github.chicorygdbstub.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Frames {@link RspOutbound} messages: a {@link RspReply} becomes {@code $payload#xx} with two lowercase
 * checksum digits, an {@link RspAckByte} its single byte.
 *
 * <p>Each message becomes exactly one buffer, sized up front, so a reply goes out in one write and the
 * debugger never sees half a frame followed by another handler's bytes. The checksum is computed over the
 * bytes actually written, after escaping and run-length encoding, which is what the client verifies.
 *
 * <p>Binary replies are escaped and never run-length encoded. Text replies are run-length encoded only if
 * this encoder was built with it on; it is off by default because both clients accept plain replies and a
 * hex dump rarely has long runs, so the extra pass seldom pays. The encoder is stateless and may be shared.
 */
@ChannelHandler.Sharable
public final class RspFrameEncoder extends MessageToMessageEncoder<RspOutbound> {
    private final boolean runLengthEncoding;

    /** An encoder that does not run-length encode. */
    public RspFrameEncoder() {
        this(false);
    }

    /** @param runLengthEncoding whether to run-length encode text (non-binary) replies */
    public RspFrameEncoder(boolean runLengthEncoding) {
        super(RspOutbound.class);
        this.runLengthEncoding = runLengthEncoding;
    }

    /** {@return whether text replies are run-length encoded} */
    public boolean runLengthEncoding() {
        return runLengthEncoding;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RspOutbound message, List<Object> out) {
        // The superclass releases the message after this returns; the reply's payload is only read here.
        if (message instanceof RspReply reply) {
            out.add(frame(ctx.alloc(), reply));
        } else if (message instanceof RspAckByte ack) {
            out.add(ctx.alloc().buffer(1).writeByte(ack.wireByte()));
        }
    }

    /** The complete frame of {@code reply}, in a new buffer; {@code reply} is left untouched. */
    ByteBuf frame(ByteBufAllocator alloc, RspReply reply) {
        // Framed when built (large memory reads): sent as it is, unless text must be run-length encoded.
        if (reply.wireFrame() != null && !runLengthEncoding) {
            return reply.wireFrame().retainedDuplicate();
        }
        ByteBuf payload = reply.payload();
        int index = payload.readerIndex();
        int length = payload.readableBytes();
        ByteBuf out;
        int checksum;
        if (reply.isBinary()) {
            // Room for the worst case, so the data is scanned once; the checksum is summed on the way.
            out = alloc.buffer(PayloadEscaping.room(length) + RspReply.FRAMING_BYTES);
            out.writeByte('$');
            ByteBuffer data = payload.nioBuffer(index, length);
            checksum = PayloadEscaping.writeEscaped(out, data, data.position(), length);
        } else {
            out = alloc.buffer(length + RspReply.FRAMING_BYTES);
            out.writeByte('$');
            if (runLengthEncoding) {
                // Encoding never lengthens text: a chunk of n >= 4 becomes 3 bytes, shorter runs stay as they are.
                RunLengthEncoding.write(payload, index, length, out);
            } else {
                out.writeBytes(payload, index, length);
            }
            checksum = RspChecksum.of(out, 1, out.writerIndex() - 1);
        }
        out.writeByte('#');
        Hex.writeByte(out, checksum);
        return out;
    }
}
