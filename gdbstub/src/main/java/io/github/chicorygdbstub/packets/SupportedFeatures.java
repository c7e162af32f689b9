package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.session.ClientProfile;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code qSupported}: confirms the client profile from the client's feature list and answers
 * with the features the registered handlers offer to that profile.
 */
final class SupportedFeatures {
    private SupportedFeatures() {}

    static RspReply handle(PacketReader args, SessionContext session) {
        String offered = args.consume(':') ? args.rest() : "";
        Set<String> features = new LinkedHashSet<>(List.of(offered.split(";")));
        session.clientFeatures(features);
        session.detectedProfile(ClientProfile.fromSupportedFeatures(offered));
        var reply = new StringBuilder("PacketSize=").append(Integer.toHexString(session.maxPacketSize()));
        for (String feature : session.offeredFeatures()) {
            reply.append(';').append(feature);
        }
        return RspReply.of(reply.toString());
    }

    /** Offered only to clients that listed the feature themselves (GDB's swbreak/hwbreak). */
    static boolean clientOffered(SessionContext session, String feature) {
        return session.clientFeatures().contains(feature);
    }
}
