/** Device TensorMath: importing this registers every device op. */
import './copy.js';
import './pointwise.js';
