/** Loads every TensorMath family; each registers its functions into OPS and onto Tensor. */
import './fill.js';
