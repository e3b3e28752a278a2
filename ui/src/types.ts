// The UI's view of the IPC types, derived from the generated command
// signatures rather than from the generated type names: tauri-specta may emit
// a type once or as separate "_Serialize"/"_Deserialize" variants, and these
// aliases stay correct either way. What a command returns is what Rust
// serialises; what it takes is what Rust deserialises.
import type { Api } from "./api";
import type { commands } from "./bindings";

type Returned<K extends keyof Api> = Awaited<ReturnType<Api[K]>>;
type Raw<K extends keyof typeof commands> = Awaited<ReturnType<(typeof commands)[K]>>;

export type AppError = Extract<Raw<"overview">, { status: "error" }>["error"];
export type ErrorCode = AppError["code"];

export type AppInfo = Returned<"appInfo">;
export type Overview = Returned<"overview">;
export type Organisation = NonNullable<Overview["organisation"]>;
export type Device = Returned<"deviceCreate">;
export type Site = Returned<"siteCreate">;
export type ContractSummary = Returned<"contractsList">[number];
export type MeterReading = Returned<"readingsList">[number];
export type Settings = Returned<"settingsGet">;

// Inputs are made complete (every optional key present) so the form always
// holds an explicit null rather than a missing key.
export type DeviceInput = Required<Parameters<Api["deviceCreate"]>[0]>;
export type DeviceFilter = Required<Parameters<Api["devicesPage"]>[0]>;
export type SettingsInput = Required<Parameters<Api["settingsSet"]>[0]>;

export type DeviceKind = Device["kind"];
export type DeviceStatus = Device["status"];
export type Ownership = Device["ownership"];
export type MeterTransmission = Device["meterTransmission"];
export type ContractKind = ContractSummary["kind"];
export type ReadingSource = MeterReading["source"];
export type Locale = NonNullable<Settings["locale"]>;
export type Theme = Settings["theme"];

// Billing requests to Canon France.
export type CatalogueEntry = Returned<"requestsCatalogue">[number];
export type Situation = CatalogueEntry["situation"];
export type Identifier = CatalogueEntry["identifiers"][number];
export type Channel = CatalogueEntry["channels"][number];
export type Request = Returned<"requestGet">;
export type RequestStatus = Request["status"];
export type RequestChannel = NonNullable<Request["channel"]>;
export type Prepared = Returned<"requestCreate">;
export type Warning = Prepared["warnings"][number];
export type DraftInput = Parameters<Api["requestCreate"]>[0];
export type RequestFacts = DraftInput["facts"];
export type EntityChange = NonNullable<RequestFacts["entityChange"]>;
export type AttachmentInput = DraftInput["attachments"][number];
export type CallSheet = Returned<"requestCallSheet">;
export type BankCheck = Returned<"bankCheck">;
export type SmtpSettings = Returned<"smtpGet">;
export type SmtpConfig = NonNullable<SmtpSettings["config"]>;
export type SmtpSecurity = SmtpConfig["security"];
export type ConnectionTest = Returned<"smtpTest">;
export type FailureCode = NonNullable<ConnectionTest["code"]>;

// Canon Professional Services.
export type CpsOverview = Returned<"cpsOverview">;
export type CpsProduct = Returned<"cpsProductCreate">;
export type CpsProductInput = Parameters<Api["cpsProductCreate"]>[0];
export type CpsLevelRow = Returned<"cpsLevelSave">;
export type Level = CpsLevelRow["level"];
export type Price = NonNullable<CpsLevelRow["price"]>;
export type Standing = CpsOverview["standing"];
export type Availability = Standing["levels"][number]["availability"];
export type AccountView = Returned<"cpsAccountRequest">;
export type CpsAccountRequest = Parameters<Api["cpsAccountRequest"]>[0]["request"];
export type ProofDocument = CpsAccountRequest["proofKind"];
export type CheckoutChoice = Parameters<Api["cpsCheckoutReview"]>[0];
export type Review = Returned<"cpsCheckoutReview">;
export type Consequence = Review["consequences"][number];
export type CpsCheckout = Returned<"cpsCheckoutSettle">;
export type CpsMembership = Returned<"cpsCheckoutComplete">;
export type CheckoutReturn = Parameters<Api["cpsCheckoutComplete"]>[0];
export type RegistrationField = CpsProduct["missing"][number];
export type Deadline = CpsOverview["deadlines"][number];
export type CalendarSettings = Returned<"calendarSettings">;
export type CalendarOutcome = Returned<"calendarConnect">;
export type DisconnectOutcome = Returned<"calendarDisconnect">;
