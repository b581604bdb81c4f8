package org.teleopmon.wire.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** One record as one JSON object; {@code fields} writes what goes between the braces. */
final class RecordSerializer<T> extends StdSerializer<T> {

    @FunctionalInterface
    interface Fields<T> {
        void write(T value, JsonGenerator json, SerializerProvider provider) throws IOException;
    }

    private final transient Fields<T> fields;

    RecordSerializer(Class<T> type, Fields<T> fields) {
        super(type);
        this.fields = fields;
    }

    @Override
    public void serialize(T value, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStartObject(value);
        fields.write(value, json, provider);
        json.writeEndObject();
    }
}
