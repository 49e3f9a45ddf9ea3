package dev.npmauth.impl.provenance;

import dev.npmauth.provenance.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A transparency-log checkpoint in the C2SP signed-note format: the note text (origin, tree size,
 * root hash, optional extension lines) and its signature lines
 * ({@code — <key name> <base64(4-byte key hint || signature)>}).
 */
final class SignedNote {
  private static final String EM_DASH = "\u2014 ";
  private static final java.util.regex.Pattern TREE_SIZE =
      java.util.regex.Pattern.compile("0|[1-9][0-9]{0,18}");

  final String origin;
  final long treeSize;
  final byte[] rootHash;
  final List<String> extensions;
  final byte[] signedText;
  final List<Line> signatures;

  private SignedNote(String origin, long treeSize, byte[] rootHash, List<String> extensions,
      byte[] signedText, List<Line> signatures) {
    this.origin = origin;
    this.treeSize = treeSize;
    this.rootHash = rootHash;
    this.extensions = extensions;
    this.signedText = signedText;
    this.signatures = signatures;
  }

  /** One signature line. */
  static final class Line {
    final String keyName;
    final byte[] keyHint;
    final byte[] signature;

    Line(String keyName, byte[] keyHint, byte[] signature) {
      this.keyName = keyName;
      this.keyHint = keyHint;
      this.signature = signature;
    }
  }

  /** The envelope is not a well-formed checkpoint; the message says why. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  static SignedNote parse(String envelope) throws MalformedException {
    int split = envelope.indexOf("\n\n");
    if (split < 0) {
      throw new MalformedException("no blank line between the note and its signatures");
    }
    String note = envelope.substring(0, split + 1);
    String sigBlock = envelope.substring(split + 2);
    String[] lines = note.substring(0, note.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new MalformedException("the note has " + lines.length
          + " lines; it needs origin, tree size and root hash");
    }
    String origin = lines[0];
    if (origin.isEmpty()) {
      throw new MalformedException("the origin line is empty");
    }
    if (!TREE_SIZE.matcher(lines[1]).matches()) {
      throw new MalformedException("the tree size line '" + lines[1] + "' is not a decimal number");
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new MalformedException("the tree size is out of range");
    }
    byte[] root;
    try {
      root = java.util.Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new MalformedException("the root hash line is not base64");
    }
    if (root.length != HashAlgorithm.SHA2_256.length()) {
      throw new MalformedException("the root hash has " + root.length + " bytes, not 32");
    }
    List<String> ext = new ArrayList<>();
    for (int i = 3; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        throw new MalformedException("empty line inside the note");
      }
      ext.add(lines[i]);
    }
    if (sigBlock.isEmpty()) {
      throw new MalformedException("the checkpoint has no signature line");
    }
    if (!sigBlock.endsWith("\n")) {
      throw new MalformedException("the signature block does not end with a newline");
    }
    List<Line> sigs = new ArrayList<>();
    for (String line : sigBlock.substring(0, sigBlock.length() - 1).split("\n", -1)) {
      sigs.add(signatureLine(line));
    }
    if (sigs.isEmpty()) {
      throw new MalformedException("the checkpoint has no signature");
    }
    return new SignedNote(origin, size, root, Collections.unmodifiableList(ext),
        note.getBytes(StandardCharsets.UTF_8), Collections.unmodifiableList(sigs));
  }

  private static Line signatureLine(String line) throws MalformedException {
    if (!line.startsWith(EM_DASH)) {
      throw new MalformedException("signature line does not start with '\u2014 ': '" + line + "'");
    }
    String rest = line.substring(EM_DASH.length());
    int space = rest.indexOf(' ');
    if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
      throw new MalformedException("signature line is not '\u2014 <name> <signature>'");
    }
    String name = rest.substring(0, space);
    byte[] blob;
    try {
      blob = java.util.Base64.getDecoder().decode(rest.substring(space + 1));
    } catch (IllegalArgumentException e) {
      throw new MalformedException("signature of key '" + name + "' is not base64");
    }
    if (blob.length < 5) {
      throw new MalformedException("signature of key '" + name + "' is too short");
    }
    return new Line(name, Arrays.copyOf(blob, 4), Arrays.copyOfRange(blob, 4, blob.length));
  }
}
