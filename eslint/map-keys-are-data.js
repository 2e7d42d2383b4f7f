import ts from 'typescript';

/**
 * Keys of request and response maps are data (table and attribute names), and `__proto__`, `constructor` or
 * `toString` are valid names: a map must hold them as it holds any other. Three ways of writing JavaScript break
 * that silently, and this rule forbids them:
 * - `object[key] = value` with a string key: for `__proto__` it replaces the object's prototype and stores
 *   nothing (BatchWriteItem and UpdateItem lost data this way). Use `setAttribute` (src/model/attribute-value.ts)
 *   or a Map. A key of a literal type (`out[kind]` with kind `'Put' | 'Delete'`), a number or a symbol is fine.
 * - `key in object` with a string key: true for `constructor` and every other member of Object.prototype. Use
 *   `Object.hasOwn`.
 * - `Object.assign(target, source)`: it copies `__proto__` by assignment, with the same effect. Use a spread
 *   (`{ ...source }`), which defines own properties.
 * It needs type information (a key's type tells a name from data), so it runs with typescript-eslint's project
 * service, on the folders that handle requests.
 */

/** Whether a key of this type can be any string: a string, a template literal, or any/unknown. */
function isOpenString(type) {
  if (type.isUnion()) return type.types.some(isOpenString);
  return (
    (type.flags &
      (ts.TypeFlags.String |
        ts.TypeFlags.TemplateLiteral |
        ts.TypeFlags.StringMapping |
        ts.TypeFlags.Any |
        ts.TypeFlags.Unknown)) !==
    0
  );
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Map keys are data: no string-keyed writes into objects, no `in` on them, no Object.assign.' },
    messages: {
      computedWrite:
        'Writing `object[key]` with a string key sets the prototype when the key is `__proto__`: use setAttribute (src/model/attribute-value.ts) or a Map.',
      inOperator:
        '`key in object` is true for `constructor`, `toString` and the other members of Object.prototype: use Object.hasOwn.',
      objectAssign:
        'Object.assign copies a `__proto__` key by assignment, replacing the prototype: use a spread ({ ...source }).',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (services?.program === undefined || services.program === null) {
      throw new Error('map-keys-are-data needs type information: set parserOptions.projectService for these files');
    }
    const checker = services.program.getTypeChecker();
    const typeOf = (node) => checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
    return {
      AssignmentExpression(node) {
        const target = node.left;
        if (target.type === 'MemberExpression' && target.computed && isOpenString(typeOf(target.property))) {
          context.report({ node: target, messageId: 'computedWrite' });
        }
      },
      BinaryExpression(node) {
        if (node.operator === 'in' && node.left.type !== 'PrivateIdentifier' && isOpenString(typeOf(node.left)))
          context.report({ node, messageId: 'inOperator' });
      },
      CallExpression(node) {
        const callee = node.callee;
        if (
          callee.type === 'MemberExpression' &&
          !callee.computed &&
          callee.object.type === 'Identifier' &&
          callee.object.name === 'Object' &&
          callee.property.name === 'assign'
        ) {
          context.report({ node, messageId: 'objectAssign' });
        }
      },
    };
  },
};
