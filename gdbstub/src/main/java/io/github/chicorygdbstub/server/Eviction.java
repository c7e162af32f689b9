package io.github.chicorygdbstub.server;

import io.netty.channel.Channel;
import java.math.BigDecimal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a debugger's connection on the server's initiative. Only the connection is closed: its
 * session then ends on the usual disconnect path ({@link SessionChannelHandler#channelInactive}),
 * so an evicted debugger leaves the guest as one that hung up does, running, without breakpoints.
 */
final class Eviction {
    private static final Logger LOG = LoggerFactory.getLogger(Eviction.class);

    private Eviction() {}

    /** Logs who is evicted and why, at INFO (an operator wants to know), then closes the connection. */
    static void evict(Channel channel, String reason) {
        try (var scope = LogContextHandler.of(channel).enter()) {
            LOG.info("disconnecting the debugger at {}: {}", channel.remoteAddress(), reason);
        }
        channel.close();
    }

    /** {@code 30}, {@code 0.25}: a timeout in seconds as options and logs write it. */
    static String seconds(Duration timeout) {
        return BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
