import { useState } from "preact/hooks";
import { api, toApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import { readUpload, uploadRefusal } from "../../lib/upload";
import type { AttachmentInput } from "../../types";
import type { ControlProps } from "../Field";

type Props = {
  control: ControlProps;
  testid: string;
  kind: string;
  // The kept file (content hash and name), or null before one is chosen.
  value: AttachmentInput | null;
  onPicked: (kept: AttachmentInput) => void;
};

// A file input for a wizard attachment: the chosen file is kept in Canon Desk's
// documents straight away (under its content hash), so the request can be sent
// (or retried) later and backups carry it. The page only ever holds the hash
// and the name the backend returned.
export function AttachmentPicker({ control, testid, kind, value, onPicked }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const pick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      onPicked(await api.requestAttachmentStage(await readUpload(file), kind));
    } catch (e) {
      const refusal = uploadRefusal(e);
      const error = refusal ? null : toApiError(e);
      setProblem(refusal ? t(refusal)
        : error?.field === "attachments" ? t("wizard.attachmentRefused")
        : t(`error.${error?.code ?? "internal"}`));
    } finally {
      setBusy(false);
      input.value = "";
    }
  };

  return (
    <div class="attachment-picker">
      <input {...control} type="file" data-testid={testid} disabled={busy} onChange={(e) => void pick(e.currentTarget)} />
      {busy && <span class="muted">{t("docs.copying")}</span>}
      {value && !busy && <span class="badge ok" data-testid={`${testid}-name`}>{value.fileName}</span>}
      {problem && <span class="field-error" role="alert">{problem}</span>}
    </div>
  );
}
