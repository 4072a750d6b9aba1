//! Styles by meaning. Call sites ask for a role (`theme.improved`), never for a colour.

use std::collections::BTreeMap;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// The `[theme]` table: role → style words.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct ThemeConfig {
    pub roles: BTreeMap<String, String>,
}

/// Resolved styles for every role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub title: Style,
    pub selection: Style,
    pub border: Style,
    pub improved: Style,
    pub regressed: Style,
    pub neutral: Style,
    pub warning: Style,
    pub error: Style,
    pub success: Style,
    pub baseline: Style,
    pub alias_production: Style,
    pub alias_staging: Style,
    pub alias_other: Style,
    pub key: Style,
}

impl Default for Theme {
    fn default() -> Self {
        let config = crate::config::Config::defaults();
        Self::from_config(&config.theme).unwrap_or_else(|_| Self::plain())
    }
}

impl Theme {
    /// No styling at all (a fallback that cannot fail).
    pub fn plain() -> Self {
        let s = Style::default();
        Self {
            text: s,
            muted: s,
            accent: s,
            title: s,
            selection: s.add_modifier(Modifier::REVERSED),
            border: s,
            improved: s,
            regressed: s,
            neutral: s,
            warning: s,
            error: s,
            success: s,
            baseline: s,
            alias_production: s,
            alias_staging: s,
            alias_other: s,
            key: s,
        }
    }

    /// Builds the theme; an unknown role or bad style is reported with the role's name.
    pub fn from_config(config: &ThemeConfig) -> Result<Self, (String, String)> {
        let mut t = Self::plain();
        for (role, words) in &config.roles {
            let style = parse_style(words).map_err(|e| (role.clone(), e))?;
            let slot = match role.as_str() {
                "text" => &mut t.text,
                "muted" => &mut t.muted,
                "accent" => &mut t.accent,
                "title" => &mut t.title,
                "selection" => &mut t.selection,
                "border" => &mut t.border,
                "improved" => &mut t.improved,
                "regressed" => &mut t.regressed,
                "neutral" => &mut t.neutral,
                "warning" => &mut t.warning,
                "error" => &mut t.error,
                "success" => &mut t.success,
                "baseline" => &mut t.baseline,
                "alias_production" => &mut t.alias_production,
                "alias_staging" => &mut t.alias_staging,
                "alias_other" => &mut t.alias_other,
                "key" => &mut t.key,
                _ => return Err((role.clone(), "unknown theme role".into())),
            };
            *slot = style;
        }
        Ok(t)
    }
}

/// `"cyan bold"`, `"red on #202020"`, `"dim"`, `""`.
pub fn parse_style(words: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut tokens = words.split_whitespace().peekable();
    while let Some(w) = tokens.next() {
        match w {
            "bold" => style = style.add_modifier(Modifier::BOLD),
            "dim" => style = style.add_modifier(Modifier::DIM),
            "italic" => style = style.add_modifier(Modifier::ITALIC),
            "underlined" | "underline" => style = style.add_modifier(Modifier::UNDERLINED),
            "reversed" | "reverse" => style = style.add_modifier(Modifier::REVERSED),
            "on" => {
                let c = tokens.next().ok_or("'on' needs a colour after it")?;
                style = style.bg(parse_color(c)?);
            }
            c => style = style.fg(parse_color(c)?),
        }
    }
    Ok(style)
}

fn parse_color(s: &str) -> Result<Color, String> {
    if let Some(hex) = s.strip_prefix('#') {
        return match u32::from_str_radix(hex, 16) {
            Ok(v) if hex.len() == 6 => Ok(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)),
            _ => Err(format!("bad colour '{s}': write #rrggbb")),
        };
    }
    if let Ok(i) = s.parse::<u8>() {
        return Ok(Color::Indexed(i));
    }
    Ok(match s {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "dark-gray" | "dark-grey" => Color::DarkGray,
        "light-red" => Color::LightRed,
        "light-green" => Color::LightGreen,
        "light-yellow" => Color::LightYellow,
        "light-blue" => Color::LightBlue,
        "light-magenta" => Color::LightMagenta,
        "light-cyan" => Color::LightCyan,
        "white" => Color::White,
        "reset" | "default" => Color::Reset,
        _ => return Err(format!("unknown colour or style word '{s}'")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_style_words() {
        assert_eq!(
            parse_style("cyan bold on #102030").unwrap(),
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
                .bg(Color::Rgb(0x10, 0x20, 0x30))
        );
        assert_eq!(parse_style("").unwrap(), Style::default());
        assert_eq!(
            parse_style("42").unwrap(),
            Style::default().fg(Color::Indexed(42))
        );
        assert!(parse_style("sparkly").is_err());
        assert!(parse_style("red on").is_err());
        assert!(parse_style("#12").is_err());
    }

    #[test]
    fn default_theme_uses_the_terminal_palette() {
        let t = Theme::default();
        assert_eq!(t.improved, Style::default().fg(Color::Green));
        assert_eq!(t.muted, Style::default().add_modifier(Modifier::DIM));
    }
}
