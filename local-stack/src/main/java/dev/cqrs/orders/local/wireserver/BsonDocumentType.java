package dev.cqrs.orders.local.wireserver;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Stores the wire server's documents in H2's pages as BSON instead of the stock backend's Java serialization, which
 * cost the wire server much of its CPU (docs/OPERATIONS.md, "The Mongo wire server's storage"). BSON is what came over
 * the wire, so every stored value round-trips.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    private BsonDocumentType() {
    }

    /** An estimate for H2's page cache only; encoding the document to learn its size would cost what we save. */
    @Override
    public int getMemory(Document document) {
        return 96 + 64 * document.size();
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bytes = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bytes);
            buffer.put(bytes.nioBuffer());
        } finally {
            bytes.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        ByteBuf bytes = Unpooled.wrappedBuffer(buffer.slice());
        Document document = BsonDecoder.decodeBson(bytes);
        buffer.position(buffer.position() + bytes.readerIndex());
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /** Values are never ordered, only compared for equality (H2's replace and remove by value). */
    @Override
    public int compare(Document a, Document b) {
        return a.equals(b) ? 0 : 1;
    }
}
