/**
 * User definition files, as `sf org create user --definition-file` reads them, plus `password` for
 * the emulator:
 *
 * @example
 * // config/users/sales-rep.json
 * { "Username": "rep@example.com", "LastName": "Rep", "Email": "rep@example.com", "Alias": "rep",
 *   "profileName": "Standard User", "permsets": ["Sales_Rep"], "role": "Sales", "password": "..." }
 *
 * `profileName` is a profile label (`Standard User`) or file name (`Standard`), as the CLI accepts;
 * the org resolves it with `findProfile`. `permsets` may also name a permission set group: the user is
 * assigned the group (PermissionSetAssignment.PermissionSetGroupId), as Setup does. A file may also hold
 * an array of such users.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MetadataError } from './metadata-error.js';
import type { OrgSchema, PermissionContainerDef, UserDef } from './types.js';
import { readJsonFile } from './json-file.js';

const nonEmpty = z.string().trim().min(1);

const UserFileEntry = z.looseObject({
  Username: nonEmpty,
  LastName: nonEmpty,
  FirstName: z.string().optional(),
  Email: nonEmpty,
  Alias: z.string().max(8, 'Alias is at most 8 characters').optional(),
  profileName: nonEmpty,
  permsets: z.array(nonEmpty).optional(),
  // The CLI calls the role `UserRoleName` in some templates; both spellings are accepted.
  role: nonEmpty.optional(),
  UserRoleName: nonEmpty.optional(),
  password: nonEmpty.optional(),
  generatePassword: z.boolean().optional(),
});

/** Keys that are not User fields and therefore are not passed through in `extra`. */
const CONTROL_KEYS = new Set(['Username', 'LastName', 'FirstName', 'Email', 'Alias', 'profileName', 'permsets', 'role', 'UserRoleName', 'password', 'generatePassword']);

/**
 * Reads user definition files. Problems are reported all together per file, each naming the user and field.
 * A user without `password` gets a random one (the CLI's `generatePassword` behaviour); such a user can
 * still sign in with the JWT bearer flow.
 */
export function loadUserDefinitions(files: string[]): UserDef[] {
  const users: UserDef[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const parsed = readJsonFile(file, 'JSON user definition');
    const entries = Array.isArray(parsed) ? parsed : [parsed];
    entries.forEach((entry, index) => {
      const where = Array.isArray(parsed) ? `[${index}] ` : '';
      const result = UserFileEntry.safeParse(entry, {
        // "expected string, received undefined" is zod's way of saying the key is missing.
        error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'required (sf org create user needs it)' : undefined),
      });
      if (!result.success) {
        const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        throw new MetadataError(file, `${where}invalid user definition: ${problems}`);
      }
      const u = result.data;
      const key = u.Username.toLowerCase();
      const earlier = seen.get(key);
      // Usernames are unique across all of Salesforce, so certainly within one org.
      if (earlier) throw new MetadataError(file, `${where}Username ${u.Username} is already defined in ${earlier} (usernames are unique: rename one of them)`);
      seen.set(key, file);
      const extra: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(u)) if (!CONTROL_KEYS.has(k)) extra[k] = v;
      users.push({
        Username: u.Username,
        LastName: u.LastName,
        FirstName: u.FirstName,
        Email: u.Email,
        Alias: u.Alias,
        profileName: u.profileName,
        permsets: u.permsets ?? [],
        role: u.role ?? u.UserRoleName,
        password: u.password ?? generatedPassword(),
        extra,
        source: file,
      });
    });
  }
  return users;
}

function generatedPassword(): string {
  // Satisfies Salesforce's default policy: letters and numbers, 8+ characters.
  return `Pf1${randomBytes(12).toString('base64url')}`;
}

/**
 * The profile a user definition names: by label (`System Administrator`, as the CLI expects) or by file
 * name (`Admin`), case-insensitively.
 */
export function findProfile(schema: OrgSchema, profileName: string): PermissionContainerDef | undefined {
  const wanted = profileName.toLowerCase();
  const byName = schema.profiles.get(wanted);
  if (byName) return byName;
  for (const profile of schema.profiles.values()) if (profile.label.toLowerCase() === wanted) return profile;
  return undefined;
}
