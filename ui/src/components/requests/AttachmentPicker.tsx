import { useState } from "preact/hooks";
import { api, toApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import { readUpload, UploadTooLarge } from "../../lib/upload";
import type { ControlProps } from "../Field";

type Props = {
  control: ControlProps;
  testid: string;
  kind: string;
  // The kept file's path, or "" before one is chosen.
  path: string;
  onPicked: (path: string) => void;
};

// The last component of a kept file's path: the name the user chose it under.
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

// A file input for a wizard attachment: the chosen file is kept in Canon Desk's
// data folder straight away, so the request can be sent (or retried) later.
export function AttachmentPicker({ control, testid, kind, path, onPicked }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const pick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const kept = await api.requestAttachmentStage(await readUpload(file), kind);
      onPicked(kept.path);
    } catch (e) {
      setProblem(e instanceof UploadTooLarge ? t("upload.tooLarge") : t(`error.${toApiError(e).code}`));
    } finally {
      setBusy(false);
      input.value = "";
    }
  };

  return (
    <div class="attachment-picker">
      <input {...control} type="file" data-testid={testid} disabled={busy} onChange={(e) => void pick(e.currentTarget)} />
      {busy && <span class="muted">{t("docs.copying")}</span>}
      {path && !busy && <span class="badge ok" data-testid={`${testid}-name`}>{fileName(path)}</span>}
      {problem && <span class="field-error" role="alert">{problem}</span>}
    </div>
  );
}
