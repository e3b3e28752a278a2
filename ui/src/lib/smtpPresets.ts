// The outgoing-mail settings that common providers publish for their customers:
// server, port and security only. The user name is always the full address; the
// password is the account's, or an app password where the provider asks for one
// (`appPassword`). Choosing a preset fills the form; every value stays editable.
import type { SmtpConfig } from "../types";

export type SmtpPreset = {
  id: string;
  // The provider's own name, shown as is in every language.
  name: string;
  host: string;
  port: number;
  security: SmtpConfig["security"];
  // The provider requires an app password (or one with two-step sign-in on).
  appPassword: boolean;
  // The provider is withdrawing password sign-in for apps (Microsoft): the login
  // may be refused whatever the password, and the mail client is the way out.
  passwordMayBeRefused?: boolean;
};

export const SMTP_PRESETS: readonly SmtpPreset[] = [
  { id: "gmail", name: "Gmail / Google Workspace", host: "smtp.gmail.com", port: 587, security: "start_tls", appPassword: true },
  { id: "outlook", name: "Outlook.com / Hotmail", host: "smtp-mail.outlook.com", port: 587, security: "start_tls", appPassword: false, passwordMayBeRefused: true },
  { id: "microsoft365", name: "Microsoft 365", host: "smtp.office365.com", port: 587, security: "start_tls", appPassword: false, passwordMayBeRefused: true },
  { id: "icloud", name: "iCloud Mail", host: "smtp.mail.me.com", port: 587, security: "start_tls", appPassword: true },
  { id: "fastmail", name: "Fastmail", host: "smtp.fastmail.com", port: 465, security: "tls", appPassword: true },
  { id: "ovh", name: "OVHcloud (MX Plan)", host: "ssl0.ovh.net", port: 465, security: "tls", appPassword: false },
  { id: "orange", name: "Orange", host: "smtp.orange.fr", port: 465, security: "tls", appPassword: false },
  { id: "free", name: "Free", host: "smtp.free.fr", port: 465, security: "tls", appPassword: false },
  { id: "aruba", name: "Aruba", host: "smtps.aruba.it", port: 465, security: "tls", appPassword: false },
  { id: "aruba_pec", name: "Aruba PEC", host: "smtps.pec.aruba.it", port: 465, security: "tls", appPassword: false },
  { id: "libero", name: "Libero Mail", host: "smtp.libero.it", port: 465, security: "tls", appPassword: false },
];

// The preset a saved configuration matches (same server, port and security), so
// the form shows which provider it is set up for; null for any other server.
export function presetOf(config: Pick<SmtpConfig, "host" | "port" | "security">): SmtpPreset | null {
  const host = config.host.trim().toLowerCase();
  return SMTP_PRESETS.find((p) => p.host === host && p.port === config.port && p.security === config.security) ?? null;
}

// The form's values once a preset is chosen: server, port and security from the
// preset; the user name becomes the sender address when it is still empty, since
// every one of these providers logs in with the full address.
export function applyPreset(config: SmtpConfig, preset: SmtpPreset): SmtpConfig {
  const username = config.username.trim() === "" ? config.fromAddress.trim() : config.username;
  return { ...config, host: preset.host, port: preset.port, security: preset.security, username };
}
