//! Generates Tauri's context and the permission set of the app's own commands.

fn main() {
    // Declaring the app's commands here makes Tauri generate one `allow-<command>`
    // permission for each, so the capability file can grant them one by one instead of
    // every command being callable by default.
    let commands = &[
        "app_info",
        "overview",
        "demo_load",
        "demo_decline",
        "devices_list",
        "devices_page",
        "device_create",
        "device_update",
        "readings_list",
        "sites_list",
        "site_create",
        "contracts_list",
        "settings_get",
        "settings_set",
        "requests_catalogue",
        "requests_list",
        "requests_outbox",
        "request_get",
        "request_create",
        "request_edit_message",
        "request_send",
        "request_retry",
        "request_mail_client",
        "request_mail_client_sent",
        "request_call_sheet",
        "request_record_call",
        "request_acknowledge",
        "request_complete",
        "request_cancel",
        "request_reminders",
        "bank_check",
        "bank_set_known",
        "smtp_get",
        "smtp_save",
        "smtp_set_password",
        "smtp_test",
        "contract_get",
        "contract_create",
        "contract_update",
        "contract_set_po",
        "contract_link_devices",
        "contract_delete",
        "contract_restore",
        "device_set_status",
        "device_delete",
        "device_restore",
        "devices_deleted",
        "record_history",
        "reading_add",
        "site_delete",
        "site_restore",
        "organisation_get",
        "organisation_save",
        "documents_list",
        "document_attach",
        "document_delete",
        "document_restore",
        "csv_preview_devices",
        "csv_import_devices",
        "export_csv",
        "export_folder",
        "backup_create",
        "backup_restore",
        "document_open",
    ];
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(e) = tauri_build::try_build(attributes) {
        // A build script reports failure by panicking; the message is what cargo shows.
        panic!("tauri-build failed: {e:#}");
    }
}
