//! The few words the shell shows outside the window (the tray menu, its tooltip, the
//! "still running" notification), in the user's language. The window's words live in
//! the interface's catalogues; these are drawn by the system before any page exists
//! (start at login opens no window), so they are kept here, in the same three
//! languages and with the same conventions (French no-break spaces, Italian *tu*).

use canon_desk_app::settings::{CloseAction, Locale};

/// The user's language: the one chosen in Settings, else the system's when it is
/// French or Italian, else English (the app's rule, shared with the notifications).
pub fn resolve(chosen: Option<Locale>, system: Option<&str>) -> Locale {
    canon_desk_app::settings::resolve_locale(chosen, system)
}

/// The label of the tray menu's first item.
pub fn open(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "Open Canon Desk",
        Locale::Fr => "Ouvrir Canon Desk",
        Locale::It => "Apri Canon Desk",
    }
}

/// The label of the tray menu's last item.
pub fn quit(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "Quit Canon Desk",
        Locale::Fr => "Quitter Canon Desk",
        Locale::It => "Esci da Canon Desk",
    }
}

/// How many items are due, as the tray's tooltip and the menu's status line say it.
pub fn due(locale: Locale, count: u32) -> String {
    match (locale, count) {
        (Locale::En, 0) => "Nothing due".to_owned(),
        (Locale::En, 1) => "1 item due".to_owned(),
        (Locale::En, n) => format!("{n} items due"),
        (Locale::Fr, 0) => "Aucune échéance".to_owned(),
        (Locale::Fr, 1) => "1 échéance à traiter".to_owned(),
        (Locale::Fr, n) => format!("{n} échéances à traiter"),
        (Locale::It, 0) => "Nessuna scadenza".to_owned(),
        (Locale::It, 1) => "1 scadenza da gestire".to_owned(),
        (Locale::It, n) => format!("{n} scadenze da gestire"),
    }
}

/// The tray's tooltip: the app's name and what is due.
pub fn tooltip(locale: Locale, count: u32) -> String {
    format!("Canon Desk — {}", due(locale, count))
}

/// The notification shown the first time the window is closed: that the app still
/// runs, and where to find it.
pub fn still_running(locale: Locale, action: CloseAction) -> (&'static str, &'static str) {
    match (locale, action) {
        (Locale::En, CloseAction::Tray) => (
            "Canon Desk is still running",
            "Reminders keep coming while the window is closed. Open it again from the tray icon; quit from the icon’s menu.",
        ),
        (Locale::En, CloseAction::Minimise) => (
            "Canon Desk is still running",
            "The window was minimised so that reminders keep coming. To quit, close it from the taskbar while it is minimised.",
        ),
        (Locale::Fr, CloseAction::Tray) => (
            "Canon Desk reste ouvert",
            "Les rappels continuent d’arriver, fenêtre fermée. Rouvrez-la depuis l’icône de la zone de notification\u{202f}; quittez depuis le menu de l’icône.",
        ),
        (Locale::Fr, CloseAction::Minimise) => (
            "Canon Desk reste ouvert",
            "La fenêtre a été réduite pour que les rappels continuent d’arriver. Pour quitter, fermez-la depuis la barre des tâches pendant qu’elle est réduite.",
        ),
        (Locale::It, CloseAction::Tray) => (
            "Canon Desk è ancora aperto",
            "I promemoria continuano ad arrivare anche a finestra chiusa. Riaprila dall’icona nell’area di notifica; esci dal menu dell’icona.",
        ),
        (Locale::It, CloseAction::Minimise) => (
            "Canon Desk è ancora aperto",
            "La finestra è stata ridotta a icona perché i promemoria continuino ad arrivare. Per uscire, chiudila dalla barra delle applicazioni mentre è ridotta a icona.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Locale; 3] = [Locale::En, Locale::Fr, Locale::It];

    #[test]
    fn the_language_is_the_chosen_one_else_the_systems() {
        assert_eq!(
            resolve(Some(Locale::It), Some("fr-FR")),
            Locale::It,
            "a choice wins"
        );
        assert_eq!(resolve(None, Some("fr-FR")), Locale::Fr, "French system");
        assert_eq!(
            resolve(None, Some("it_IT.UTF-8")),
            Locale::It,
            "Italian system"
        );
        assert_eq!(
            resolve(None, Some("de-DE")),
            Locale::En,
            "other languages read English"
        );
        assert_eq!(
            resolve(None, None),
            Locale::En,
            "no system language reads English"
        );
    }

    #[test]
    fn the_tray_counts_in_every_language() {
        assert_eq!(
            tooltip(Locale::En, 3),
            "Canon Desk — 3 items due",
            "English plural"
        );
        assert_eq!(due(Locale::En, 1), "1 item due", "English singular");
        assert_eq!(due(Locale::Fr, 2), "2 échéances à traiter", "French plural");
        assert_eq!(
            due(Locale::It, 1),
            "1 scadenza da gestire",
            "Italian singular"
        );
        for locale in ALL {
            assert!(
                !due(locale, 0).contains('0'),
                "nothing due is said in words in {locale:?}"
            );
        }
    }

    #[test]
    fn french_texts_have_no_break_spaces_before_high_punctuation() {
        let mut texts = vec![open(Locale::Fr).to_owned(), quit(Locale::Fr).to_owned()];
        for action in [CloseAction::Tray, CloseAction::Minimise] {
            let (title, body) = still_running(Locale::Fr, action);
            texts.push(title.to_owned());
            texts.push(body.to_owned());
        }
        for text in texts {
            let chars: Vec<char> = text.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if matches!(c, ':' | ';' | '?' | '!') {
                    assert!(
                        i > 0 && matches!(chars[i - 1], '\u{202f}' | '\u{a0}'),
                        "{text:?}: a French {c} takes a no-break space before it"
                    );
                }
            }
        }
    }
}
