import type { ComponentChildren } from "preact";

type Props = { title?: string; children: ComponentChildren };

export function EmptyState({ title, children }: Props) {
  return (
    <div class="empty-state">
      {title && <h2>{title}</h2>}
      <p>{children}</p>
    </div>
  );
}
