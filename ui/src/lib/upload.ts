// A file chosen in a file input, ready for the backend: the bytes as base64 and
// the name the user saw (a label only; the backend never uses it as a path).
import type { Upload } from "../bindings";

// Kept in step with MAX_UPLOAD_BYTES in crates/app/src/upload.rs.
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export class UploadTooLarge extends Error {
  constructor(readonly size: number) {
    super(`the file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`);
    this.name = "UploadTooLarge";
  }
}

// Base64 of bytes, in chunks so a large file does not overflow the argument list.
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

// An empty file (a scan that failed, a download cut short) is never what the user
// meant to send; the backend refuses it too.
export class UploadEmpty extends Error {
  constructor() {
    super("the file is empty");
    this.name = "UploadEmpty";
  }
}

// The catalogue key saying why a file was refused before it was sent, if it was.
export function uploadRefusal(e: unknown): "upload.tooLarge" | "upload.empty" | null {
  if (e instanceof UploadTooLarge) return "upload.tooLarge";
  if (e instanceof UploadEmpty) return "upload.empty";
  return null;
}

export async function readUpload(file: File): Promise<Upload> {
  if (file.size > MAX_UPLOAD_BYTES) throw new UploadTooLarge(file.size);
  if (file.size === 0) throw new UploadEmpty();
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, base64: toBase64(bytes) };
}
