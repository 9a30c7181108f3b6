const { src, dest } = require('gulp');

// n8n-node build copies icons too; this keeps `tsc` + `gulp build:icons` builds complete.
function buildIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
