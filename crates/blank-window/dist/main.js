// Puts one line of content in the page, then reports the frame after the one that
// painted it (a double requestAnimationFrame), as Canon Desk's interface does.
const app = document.getElementById("app");
app.textContent = "A blank Tauri window";
requestAnimationFrame(() =>
  requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("mark", { stage: "first-paint" })),
);
