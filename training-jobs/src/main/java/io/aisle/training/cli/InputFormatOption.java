package io.aisle.training.cli;

import io.aisle.training.ingest.InputFormat;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --format}: converts {@code csv}, {@code tsv}, {@code ws} or {@code auto} (any case) and lists them for
 * {@code ${COMPLETION-CANDIDATES}}, so the help and the refusal of another value name the same labels.
 */
final class InputFormatOption implements ITypeConverter<InputFormat>, Iterable<String> {

    @Override
    public InputFormat convert(String value) {
        try {
            return InputFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    @Override
    public Iterator<String> iterator() {
        return InputFormat.labels().iterator();
    }
}
