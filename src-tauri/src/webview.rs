//! How the page is drawn. On Linux, WebKitGTK composites the page's layers with
//! OpenGL; without a GPU (a virtual machine, a remote desktop, many office PCs' Linux
//! installs) that is Mesa's llvmpipe, in software, and it kept about 60 MiB in the
//! page's process and most of a core busy while the device list scrolled (measured in
//! docs/measurements.md). The page is forms and tables, with no animation, video or 3D
//! to gain from compositing, so it is drawn without.
//!
//! WebKitGTK reads this choice from its environment when its web process starts
//! (`WEBKIT_DISABLE_COMPOSITING_MODE`); setting the web view's hardware acceleration
//! policy once the view exists came too late: the page being loaded lost its web
//! process. So the app sets the variable for itself, before any thread or web view
//! exists, unless the user has set it. Windows (WebView2) and macOS (WKWebView) have
//! no such setting and draw as their system does.

/// Chooses how WebKitGTK draws, before anything else starts.
pub fn before_start() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // Safe here: no other thread exists yet to read the environment meanwhile.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}
