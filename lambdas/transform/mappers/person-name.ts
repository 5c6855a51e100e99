/** The name fields of a canonical customer. */
export interface CanonicalName {
  readonly name?: string;
  readonly givenName?: string;
  readonly familyName?: string;
}

/** Name parts as sources keep them: separate (`firstName`, `lastName`), whole (`full_name`), or both. */
export interface NameParts {
  readonly given?: string | null;
  readonly family?: string | null;
  readonly full?: string | null;
}

/**
 * One canonical `name` from whatever a source keeps, so `{firstName: 'Bob', lastName: 'Biller'}` and
 * `{full_name: 'Bob Biller'}` both become `name: 'Bob Biller'`. A whole name wins when the source has one, since
 * joining parts cannot know the order a culture writes them in; blanks count as absent; runs of spaces collapse.
 */
export function canonicalName(parts: NameParts): CanonicalName {
  const givenName = tidy(parts.given);
  const familyName = tidy(parts.family);
  const joined = [givenName, familyName].filter((part) => part !== undefined).join(' ');
  const name = tidy(parts.full) ?? (joined === '' ? undefined : joined);
  return {
    ...(name === undefined ? {} : { name }),
    ...(givenName === undefined ? {} : { givenName }),
    ...(familyName === undefined ? {} : { familyName }),
  };
}

function tidy(text: string | null | undefined): string | undefined {
  const collapsed = text?.replace(/\s+/g, ' ').trim();
  return collapsed ? collapsed : undefined;
}
