# search-lookback: How far back searches reached, against retention lengths
# Re-run in this folder with: gnuplot chart-search-lookback.gp
set terminal svg size 900,520 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-search-lookback.svg'
set title "How far back searches reached, against retention lengths\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel "per cent of searches with a window"
set yrange [0:110]
set xrange [-0.6:4.6]
set ytics 0, 20, 100
set style fill solid 0.85 border -1
set boxwidth 0.6
set label 1 "lookback in days: median 4.8, 90th percentile 79.9, longest 495.7" at graph 0.98, graph 0.96 right
set key at graph 0.98, graph 0.88 right top
set xtics ("1 day" 0, "7 days" 1, "policy (30 days)" 2, "90 days" 3, "365 days" 4)
plot 'chart-search-lookback.dat' using 0:($4 > 0 ? NaN : $2) with boxes lc rgb '#0072B2' title "other retention lengths", \
     '' using 0:($4 > 0 ? $2 : NaN) with boxes lc rgb '#D55E00' title "policy (30 days)", \
     '' using 0:2:3 with labels offset 0,0.8 notitle
set terminal pngcairo size 900,520 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-search-lookback.png'
replot
set output
