/** The parts of Discord's execute-webhook body the notifier uses (see Discord's API docs). */
export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface DiscordEmbed {
  title?: string;
  description?: string;
  /** Makes the title a link: the CI run. */
  url?: string;
  /** 0xRRGGBB. */
  color?: number;
  /** ISO 8601; Discord shows it in the reader's time zone. */
  timestamp?: string;
  fields?: DiscordEmbedField[];
  footer?: { text: string; icon_url?: string };
  author?: { name: string; url?: string; icon_url?: string };
}

export interface DiscordMessage {
  content?: string;
  embeds?: DiscordEmbed[];
  /** Always `{ parse: [] }`: an `@everyone` in a reason or commit message pings nobody. */
  allowed_mentions: { parse: Array<'users' | 'roles' | 'everyone'> };
  username?: string;
  avatar_url?: string;
}
