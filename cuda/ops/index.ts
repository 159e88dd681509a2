/** Device TensorMath: importing this registers every device op. */
import './copy.js';
import './pointwise.js';
import './reduce.js';
import './compare.js';
import './blas.js';
import './indexing.js';
