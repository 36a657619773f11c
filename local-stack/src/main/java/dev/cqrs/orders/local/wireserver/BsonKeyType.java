package dev.cqrs.orders.local.wireserver;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The keys of the wire server's unique indexes in H2, ordered as MongoDB orders values: H2's generic type compares
 * them by their Java-serialized bytes, serializing both keys on every step of a B-tree search (docs/OPERATIONS.md,
 * "The Mongo wire server's storage").
 */
final class BsonKeyType extends BasicDataType<KeyValue> {

    static final BsonKeyType INSTANCE = new BsonKeyType();

    private static final Comparator<Object> ORDER = ValueComparator.ascWithoutListHandling();
    private static final byte MISSING = 0;
    private static final byte PRESENT = 1;
    private static final String VALUE = "v";

    private BsonKeyType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = ORDER.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public int getMemory(KeyValue key) {
        return 48 + 48 * key.size();
    }

    /** Each part as a one-field BSON document; a missing field (sparse or absent key) is a marker byte. */
    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object part : key) {
            if (part instanceof Missing) {
                buffer.put(MISSING);
            } else {
                buffer.put(PRESENT);
                BsonDocumentType.INSTANCE.write(buffer, new Document(VALUE, part));
            }
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> parts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            parts.add(buffer.get() == MISSING ? Missing.getInstance() : BsonDocumentType.INSTANCE.read(buffer).get(VALUE));
        }
        return new KeyValue(parts);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
