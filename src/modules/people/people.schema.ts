import { z } from 'zod';
import { ROLES } from '../../server/access';

export const loginBody = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(64),
  password: z.string().min(1, 'Enter your password').max(256),
});

export const roleSchema = z.enum(ROLES);

export const assignmentSchema = z.object({
  id: z.string(),
  role: roleSchema,
  facilityId: z.string().nullable(),
  facilityName: z.string().nullable(),
  facilityKind: z.string().nullish().describe('what kind of facility a facility role is held at'),
  territoryCode: z.string().describe('the territory of the scope; for a facility role, its parish'),
  territoryName: z.string(),
});

export const updateMeBody = z.object({ locale: z.enum(['es', 'en']) });

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  locale: z.string(),
  permissions: z.array(z.string()),
  roles: z.array(assignmentSchema),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  locale: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  roles: z.array(assignmentSchema),
});

export const createUserBody = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,64}$/, 'Use 3–64 letters, digits, dots, hyphens or underscores'),
  displayName: z.string().trim().min(2).max(120),
  password: z.string().min(10, 'Use at least 10 characters').max(256),
  locale: z.enum(['es', 'en']).default('es'),
  roles: z
    .array(
      z.object({
        role: roleSchema,
        facilityId: z.uuid().optional(),
        territoryCode: z.string().optional(),
      }),
    )
    .min(1, 'Give the user at least one role'),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const userIdParams = z.object({ id: z.uuid('Not a user id') });

export const createTokenBody = z.object({
  name: z.string().trim().min(2).max(80),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
