import type { JSX } from "preact";

export type ControlProps = {
  id: string;
  "aria-invalid": "true" | undefined;
  "aria-describedby": string | undefined;
};

type Props = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  wide?: boolean;
  control: (props: ControlProps) => JSX.Element;
};

// One label, one control, an optional hint and an optional error, wired
// together with ids so a screen reader announces the error with the field.
export function Field({ id, label, hint, error, wide, control }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={wide ? "field wide" : "field"}>
      <label for={id}>{label}</label>
      {control({ id, "aria-invalid": error ? "true" : undefined, "aria-describedby": describedBy })}
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId} data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
