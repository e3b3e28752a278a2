import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import type { Document } from "../../bindings";
import { useI18n } from "../../i18n/context";
import type { Request } from "../../types";
import { ErrorNotice } from "../ErrorNotice";

type Props = { request: Request };

// The files a request carries. They are documents of the request (kept under
// their content hash in Canon Desk's data folder), so each opens with the
// system's viewer; they are not edited here, since they are what Canon gets.
// Requests made before attachments were documents only show the names. The
// exact message the app sent is a document of the request too, opened the same
// way (older requests name its path in the detail instead).
export function RequestAttachments({ request }: Props) {
  const { t } = useI18n();
  const [docs, setDocs] = useState<Document[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    api.documentsList("request", request.id).then(
      (list) => current && setDocs(list),
      (e) => current && setError(toApiError(e)),
    );
    return () => { current = false; };
  }, [request.id]);

  const open = (id: number) => api.documentOpen(id).catch((e: unknown) => setError(toApiError(e)));
  const eml = request.emlSha256 ? docs.find((d) => d.kind === "email" && d.sha256 === request.emlSha256) : undefined;

  return (
    <>
      {error && <ErrorNotice error={error} />}
      {eml && (
        <>
          <h3>{t("request.eml")}</h3>
          <ul class="doc-list">
            <li data-testid="request-eml" data-name={eml.fileName}>
              <span class="doc-name">{eml.fileName}</span>
              <span class="actions">
                <button type="button" class="secondary" data-testid="request-eml-open" onClick={() => void open(eml.id)}>
                  {t("docs.open")}
                </button>
              </span>
            </li>
          </ul>
        </>
      )}
      {request.attachments.length > 0 && <h3>{t("request.attachments")}</h3>}
      {request.attachments.length > 0 && <ul class="doc-list">
        {request.attachments.map((a) => {
          const doc = docs.find((d) => d.sha256 === a.sha256);
          return (
            <li key={`${a.sha256 ?? a.path ?? ""}-${a.fileName}`} data-testid="request-attachment" data-name={a.fileName}>
              <span class="doc-name">{a.fileName}</span>
              {doc && <span class="badge">{t(`docKind.${doc.kind}`)}</span>}
              {doc && (
                <span class="actions">
                  <button type="button" class="secondary" data-testid="request-attachment-open" onClick={() => void open(doc.id)}>
                    {t("docs.open")}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>}
    </>
  );
}
