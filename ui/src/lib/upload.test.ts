import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES, readUpload, toBase64, UploadEmpty, uploadRefusal, UploadTooLarge } from "./upload";

describe("uploads", () => {
  it("encodes bytes as standard base64", () => {
    expect(toBase64(new TextEncoder().encode("K-bis ✓")), "UTF-8 bytes must round-trip through base64").toBe(btoa("K-bis \xe2\x9c\x93"));
    expect(toBase64(new Uint8Array()), "an empty file is an empty string").toBe("");
  });

  it("encodes files larger than one chunk without losing bytes", () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
    const decoded = Uint8Array.from(atob(toBase64(bytes)), (c) => c.charCodeAt(0));
    expect(decoded, "decoding the base64 must give the original bytes back").toEqual(bytes);
  });

  it("keeps the name the user saw and refuses oversized files", async () => {
    const upload = await readUpload(new File(["%PDF"], "relevé mars.pdf"));
    expect(upload, "the name and content must be carried").toEqual({ name: "relevé mars.pdf", base64: btoa("%PDF") });
    const big = { size: MAX_UPLOAD_BYTES + 1, name: "big.bin" } as File;
    await expect(readUpload(big), "a file over the limit must be refused before it is read").rejects.toBeInstanceOf(UploadTooLarge);
  });

  it("refuses an empty file with its own message", async () => {
    const error = await readUpload(new File([], "releve.pdf")).catch((e: unknown) => e);
    expect(error, "a 0-byte file must be refused before it reaches Canon").toBeInstanceOf(UploadEmpty);
    expect(uploadRefusal(error), "the refusal must name the empty-file message").toBe("upload.empty");
    expect(uploadRefusal(new UploadTooLarge(1)), "an oversized file keeps its own message").toBe("upload.tooLarge");
  });
});
