package io.github.chicorygdbstub.hardening;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * Stdin for a guest that must block in {@code fd_read}: a read waits until {@link #feed} is called,
 * and the test can see when the guest has entered the read.
 */
final class GatedInputStream extends InputStream {
    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch fed = new CountDownLatch(1);
    private volatile InputStream data = InputStream.nullInputStream();

    void feed(byte[] bytes) {
        data = new ByteArrayInputStream(bytes);
        fed.countDown();
    }

    /** Whether the guest is (or was) blocked in a read. */
    boolean guestIsReading() {
        return reading.getCount() == 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        reading.countDown();
        try {
            fed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stdin read interrupted");
        }
        return data.read(target, offset, length);
    }
}
