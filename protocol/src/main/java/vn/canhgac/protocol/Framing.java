package vn.canhgac.protocol;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import vn.canhgac.protocol.v1.Envelope;

/**
 * Installs the frame codec both sides share: a 4-byte length prefix with a hard maximum, then
 * one {@link Envelope}. The length decoder fails fast: a header over the maximum raises
 * {@code TooLongFrameException} at once instead of waiting for the body.
 */
public final class Framing {

    private static final String FRAME_DECODER = "frameDecoder";
    private static final String FRAME_ENCODER = "frameEncoder";
    private static final String MESSAGE_DECODER = "messageDecoder";
    private static final String MESSAGE_ENCODER = "messageEncoder";

    private Framing() {}

    public static void addTo(ChannelPipeline pipeline) {
        pipeline.addLast(FRAME_DECODER, new LengthFieldBasedFrameDecoder(
                FrameLimits.MAX_FRAME_BYTES, 0, FrameLimits.LENGTH_FIELD_BYTES, 0, FrameLimits.LENGTH_FIELD_BYTES, true));
        pipeline.addLast(FRAME_ENCODER, new LengthFieldPrepender(FrameLimits.LENGTH_FIELD_BYTES));
        pipeline.addLast(MESSAGE_DECODER, new ProtobufDecoder(Envelope.getDefaultInstance()));
        pipeline.addLast(MESSAGE_ENCODER, new ProtobufEncoder());
    }
}
