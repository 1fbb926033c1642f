package io.aisle.vision.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a tiny TorchScript model without Python: a parameterless module whose logits are ten
 * times the mean red, green and blue of the input, so it "recognises" a red, a green and a blue
 * product. A TorchScript file is a zip of the module's TorchScript source ({@code code/}), its
 * pickled attributes ({@code data.pkl}) and a format version; this one has no tensors to store.
 */
public final class MeanColourTorchScript {

    public static final java.util.List<String> CLASSES = java.util.List.of("red", "green", "blue");

    private static final String SOURCE = """
            class MeanColour(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.MeanColour,
                x: Tensor) -> Tensor:
                return torch.mul(torch.mean(x, [2, 3]), 10.0)
            """;

    private MeanColourTorchScript() {
    }

    public static Path write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, "meancolour/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, "meancolour/code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
            stored(zip, "meancolour/data.pkl", modulePickle());
            stored(zip, "meancolour/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        }
        return file;
    }

    /**
     * Pickle protocol 2 of the module object, as TorchScript's pickler writes one: the class as a
     * GLOBAL, an empty-tuple NEWOBJ, then BUILD with a dict of every attribute ({@code training}).
     */
    private static byte[] modulePickle() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);
        p.writeBytes("c__torch__\nMeanColour\n".getBytes(StandardCharsets.US_ASCII));
        p.write(')');
        p.write(0x81);
        p.write('}');
        p.write('(');
        byte[] name = "training".getBytes(StandardCharsets.UTF_8);
        p.write('X');
        p.write(name.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(name);
        p.write(0x89);
        p.write('u');
        p.write('b');
        p.write('.');
        return p.toByteArray();
    }

    /** PyTorch's reader accepts deflated entries, but its own files store them: do the same. */
    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}
