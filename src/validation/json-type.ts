/** A member's JSON type, as AWS's model names it. */
export type MemberType = 'String' | 'Integer' | 'Boolean' | 'Structure' | 'Map' | 'List';

/** The JSON token kind, as AWS's deserializer names it in its messages. */
function tokenOf(value: unknown): string {
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'number') return 'NUMBER_VALUE';
  if (value === true) return 'TRUE_VALUE';
  if (value === false) return 'FALSE_VALUE';
  if (Array.isArray(value)) return 'START_ARRAY';
  return 'START_OBJECT';
}

/** AWS's deserializer messages (as dynalite reproduces them), or undefined when the type fits. */
export function typeMismatch(type: MemberType, value: unknown): string | undefined {
  const token = tokenOf(value);
  switch (type) {
    case 'String':
      if (token === 'STRING_VALUE') return undefined;
      if (token === 'START_OBJECT') return 'Start of structure or map found where not expected.';
      if (token === 'START_ARRAY') return 'Start of list found where not expected';
      return `${token} cannot be converted to String`;
    case 'Integer':
      if (token === 'NUMBER_VALUE') return undefined;
      if (token === 'START_OBJECT') return 'Start of structure or map found where not expected.';
      if (token === 'START_ARRAY') return 'Start of list found where not expected';
      return `${token} cannot be converted to Integer`;
    case 'Boolean':
      if (token === 'TRUE_VALUE' || token === 'FALSE_VALUE') return undefined;
      if (token === 'START_OBJECT') return 'Start of structure or map found where not expected.';
      if (token === 'START_ARRAY') return 'Start of list found where not expected';
      return `${token} cannot be converted to Boolean`;
    case 'Structure':
    case 'Map':
      if (token === 'START_OBJECT') return undefined;
      if (token === 'START_ARRAY') return 'Start of list found where not expected';
      return `Unexpected value type in payload: ${token} where a ${type === 'Map' ? 'map' : 'structure'} was expected`;
    case 'List':
      if (token === 'START_ARRAY') return undefined;
      if (token === 'START_OBJECT') return 'Start of structure or map found where not expected.';
      return `Unrecognized collection type: ${token} where a list was expected`;
  }
}
