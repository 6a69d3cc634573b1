import type { MetadataStorage } from 'class-validator';

/** class-validator's `ValidationMetadata` (not exported from its index under that name). */
export type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/** class-validator's `ConstraintMetadata`: a constraint class, its name and its instance. */
export type ConstraintMetadata = ReturnType<MetadataStorage['getTargetValidatorConstraints']>[number];
