package vn.canhgac.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;
import vn.canhgac.protocol.v1.Ack;
import vn.canhgac.protocol.v1.Envelope;

class FramingTest {

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Framing.addTo(channel.pipeline());
        return channel;
    }

    @Test
    void envelopeRoundTripsThroughTheFrameCodec() {
        EmbeddedChannel sender = channel();
        Envelope ack = Envelope.newBuilder().setAck(Ack.newBuilder().setHighestStoredSequence(42)).build();
        sender.writeOutbound(ack);
        ByteBuf wire = Unpooled.buffer();
        for (Object part; (part = sender.readOutbound()) != null; ) {
            wire.writeBytes((ByteBuf) part);
            ((ByteBuf) part).release();
        }
        assertEquals(ack.getSerializedSize(), wire.getInt(0), "4-byte big-endian length prefix");

        EmbeddedChannel receiver = channel();
        receiver.writeInbound(wire);
        assertEquals(ack, receiver.readInbound());
    }

    @Test
    void frameAnnouncingMoreThanTheMaximumFailsBeforeTheBodyArrives() {
        EmbeddedChannel receiver = channel();
        DecoderException error = assertThrows(DecoderException.class,
                () -> receiver.writeInbound(Unpooled.buffer().writeInt(FrameLimits.MAX_FRAME_BYTES + 1)));
        assertInstanceOf(TooLongFrameException.class, error instanceof TooLongFrameException ? error : error.getCause() == null ? error : error.getCause());
    }

    @Test
    void frameOfGarbageIsRejectedAsAnInvalidMessage() {
        EmbeddedChannel receiver = channel();
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0x01};
        DecoderException error = assertThrows(DecoderException.class,
                () -> receiver.writeInbound(Unpooled.buffer().writeInt(garbage.length).writeBytes(garbage)));
        assertInstanceOf(InvalidProtocolBufferException.class, error.getCause());
    }
}
